using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>Issue 14 item 4: a PW, right or wrong, never leaves the platform — the cases a tester found still showing part
/// of it (a PW holding ',' and '&amp;'; white space before '=') and the field ends that must stay visible (';', the CP
/// end "&amp;&amp;").</summary>
public sealed class PasswordMaskTests
{
    [Theory]
    [InlineData("QN=1;ST=22;CN=2011;PW=123456;MN=X", "QN=1;ST=22;CN=2011;PW=******;MN=X")]
    [InlineData("CN=2011;PW=12,34&5;MN=X", "CN=2011;PW=******;MN=X")]
    [InlineData("CN=2011;PW =999999;MN=X", "CN=2011;PW=******;MN=X")]
    [InlineData("CN=2011;pw=abc;MN=X", "CN=2011;PW=******;MN=X")]
    [InlineData("CP=&&DataTime=20261206070000;PW=secret&&ABCD", "CP=&&DataTime=20261206070000;PW=******&&ABCD")]
    [InlineData("CN=2011;PW=123456", "CN=2011;PW=******")]
    public void Every_PW_is_masked_to_its_field_end(string text, string masked) =>
        Assert.Equal(masked, DataService.MaskPassword(text));
}
