using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Supervision.Tests.Complaints;

public class QueryCodeTests
{
    [Fact]
    public void Alphabet_has_31_unambiguous_symbols()
    {
        Assert.Equal(31, QueryCode.Alphabet.Distinct().Count());
        Assert.Equal(31, QueryCode.Alphabet.Length);
        foreach (var ch in "01ILO") Assert.DoesNotContain(ch, QueryCode.Alphabet);
        // 10 × log2(31) = 10 × 4.9542 ≈ 49.5 bits
        Assert.InRange(QueryCode.Length * Math.Log2(QueryCode.Alphabet.Length), 49.5, 49.6);
    }

    [Fact]
    public void New_codes_are_ten_alphabet_characters_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => QueryCode.New()).ToList();
        Assert.All(codes, c => Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$", c));
        Assert.Equal(200, codes.Distinct().Count());
        // every symbol appears: 2000 draws, P(a given symbol missing) = (30/31)^2000 ≈ 3e-29
        Assert.Equal(31, codes.SelectMany(c => c).Distinct().Count());
    }

    [Theory]
    [InlineData("ABCDE-FGHJK", "ABCDEFGHJK")]
    [InlineData("abcde fghjk", "ABCDEFGHJK")]
    [InlineData(" abCDe－fgh jk ", "ABCDEFGHJK")]
    [InlineData("AB-CD-EF-GH-JK", "ABCDEFGHJK")]
    [InlineData("ABCDE　FGHJK", "ABCDEFGHJK")]
    [InlineData("ABCDEFGHJ", null)]
    [InlineData("ABCDEFGHJKM", null)]
    [InlineData("ABCDEFGHJ0", null)]
    [InlineData("ABCDEFGHJI", null)]
    [InlineData("ABCDE_FGHJK", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize(string? input, string? expected) => Assert.Equal(expected, QueryCode.Normalize(input));

    [Fact]
    public void Display_groups_five_and_five() => Assert.Equal("ABCDE-FGHJK", QueryCode.Display("abcdefghjk"));

    [Fact]
    public void Hash_and_verify()
    {
        var code = QueryCode.New();
        var (hash, salt) = QueryCode.Hash(code);
        Assert.Equal(32, Convert.FromBase64String(hash).Length);
        Assert.Equal(16, Convert.FromBase64String(salt).Length);
        Assert.True(QueryCode.Verify(code, hash, salt));
        Assert.True(QueryCode.Verify(QueryCode.Display(code).ToLowerInvariant(), hash, salt));
        var other = code[..9] + (code[9] == '2' ? '3' : '2');
        Assert.False(QueryCode.Verify(other, hash, salt));
        Assert.False(QueryCode.Verify("not a code", hash, salt));
        Assert.False(QueryCode.Verify(code, "%%%", salt));
        Assert.False(QueryCode.Verify(code, hash, Convert.ToBase64String(new byte[16])));
        // per-case salt: the same code hashes differently twice
        var again = QueryCode.Hash(code);
        Assert.NotEqual(salt, again.Salt);
        Assert.NotEqual(hash, again.Hash);
        Assert.Throws<ArgumentException>(() => QueryCode.Hash("short"));
    }

    [Fact]
    public void Hash_is_PBKDF2_SHA256_of_the_normalized_code()
    {
        // independent derivation with the documented parameters
        var salt = new byte[16];
        salt[0] = 7;
        var expected = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("ABCDEFGHJK"u8.ToArray(), salt, 10_000,
            System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        Assert.True(QueryCode.Verify("abcde-fghjk", Convert.ToBase64String(expected), Convert.ToBase64String(salt)));
    }
}
