namespace SmartEnv.Hj212;

/// <summary>
/// Who a platform request goes to and how it is marked: the device's ST, PW and MN, the QN of the exchange, the
/// protocol version and whether an answer (9011/9012) is wanted (Flag bit A). Immutable.
/// </summary>
/// <param name="St">System code of the station (table 5), e.g. <c>22</c> for ambient air.</param>
/// <param name="Pw">Access password (6 chars per table 3).</param>
/// <param name="Mn">Device MN.</param>
/// <param name="Qn">Request number, 17 digits <c>YYYYMMDDhhmmsszzz</c> (see <see cref="Hj212Time.Qn"/>).</param>
/// <param name="Version">Version bits to write into Flag; 2017 by default.</param>
/// <param name="AckRequested">Flag bit A; true by default (App. C requests use Flag=5).</param>
public sealed record Hj212Addressee(string St, string Pw, string Mn, string Qn,
    Hj212Version Version = Hj212Version.Hj212_2017, bool AckRequested = true)
{
    /// <summary>The Flag value: version bits shifted left by 2, plus bit A.</summary>
    public int Flag => ((int)Version << 2) | (AckRequested ? 1 : 0);
}
