using System.Security.Cryptography;

namespace SmartEnv.Supervision.Inspections.Draw;

/// <summary>
/// HMAC_DRBG with HMAC-SHA-256 as specified in NIST SP 800-90A Rev. 1 §10.1.2: no prediction resistance, no reseed, no
/// additional input (the draw's use). Instantiate (§10.1.2.3): seed_material = entropy_input ‖ nonce ‖
/// personalization_string; Key = 0x00×32; V = 0x01×32; (Key, V) = Update(seed_material); reseed_counter = 1.
/// Update (§10.1.2.2): Key = HMAC(Key, V ‖ 0x00 ‖ provided); V = HMAC(Key, V); if provided is not empty:
/// Key = HMAC(Key, V ‖ 0x01 ‖ provided); V = HMAC(Key, V). Generate (§10.1.2.5, additional input empty): while fewer
/// bytes than asked: V = HMAC(Key, V), append V; keep the leftmost bytes; (Key, V) = Update(empty); reseed_counter + 1.
/// Checked against the NIST CAVP no-reseed HMAC_DRBG.rsp vectors (tests). Of the limits of SP 800-90A Table 2 only the
/// bits per request and the reseed interval are enforced; input lengths are not checked (the draw's seed material is
/// at least 65 bytes).
/// Not thread-safe (mutable state): one instance per draw.
/// </summary>
public sealed class HmacDrbg
{
    /// <summary>Bytes per HMAC-SHA-256 output (outlen = 256 bits).</summary>
    public const int OutLen = 32;

    /// <summary>Most bytes one <see cref="Generate"/> call may return: 2^19 bits (SP 800-90A Table 2,
    /// max_number_of_bits_per_request).</summary>
    public const int MaxBytesPerRequest = 1 << 16;

    /// <summary>Generate calls allowed before a reseed would be required: 2^48 (SP 800-90A Table 2, reseed_interval).</summary>
    public const long ReseedInterval = 1L << 48;

    private readonly byte[] _key = new byte[OutLen];
    private readonly byte[] _v = new byte[OutLen];

    /// <summary>Instantiates the generator (§10.1.2.3).</summary>
    /// <param name="entropyInput">entropy_input (for the draw: the seed material of <see cref="DrawEngine.SeedMaterial"/>).</param>
    /// <param name="nonce">nonce (empty for the draw).</param>
    /// <param name="personalization">personalization_string (empty for the draw).</param>
    public HmacDrbg(ReadOnlySpan<byte> entropyInput, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> personalization)
    {
        var seed = new byte[entropyInput.Length + nonce.Length + personalization.Length];
        entropyInput.CopyTo(seed);
        nonce.CopyTo(seed.AsSpan(entropyInput.Length));
        personalization.CopyTo(seed.AsSpan(entropyInput.Length + nonce.Length));
        Array.Fill(_key, (byte)0x00);
        Array.Fill(_v, (byte)0x01);
        Update(seed);
        ReseedCounter = 1;
    }

    /// <summary>The working state's Key (a copy), for tests against published intermediate values.</summary>
    public byte[] Key => (byte[])_key.Clone();

    /// <summary>The working state's V (a copy).</summary>
    public byte[] V => (byte[])_v.Clone();

    /// <summary>reseed_counter: 1 after instantiation, +1 per <see cref="Generate"/>.</summary>
    public long ReseedCounter { get; private set; }

    /// <summary>Fills <paramref name="output"/> with the next output bits (§10.1.2.5, no additional input).</summary>
    /// <param name="output">Destination; its length is the number of bytes requested.</param>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxBytesPerRequest"/> bytes asked.</exception>
    /// <exception cref="InvalidOperationException">reseed_counter exceeded <see cref="ReseedInterval"/> (a reseed would be
    /// required; never reached by a draw).</exception>
    public void Generate(Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(output.Length, MaxBytesPerRequest);
        if (ReseedCounter > ReseedInterval) throw new InvalidOperationException("HMAC_DRBG: reseed required");
        var done = 0;
        while (done < output.Length)
        {
            Mac(_key, _v, _v);
            var n = Math.Min(OutLen, output.Length - done);
            _v.AsSpan(0, n).CopyTo(output[done..]);
            done += n;
        }
        Update([]);
        ReseedCounter++;
    }

    // HMAC-SHA-256 into a temporary first: the destination may be the key or the message.
    private static void Mac(byte[] key, byte[] message, byte[] destination)
    {
        Span<byte> t = stackalloc byte[OutLen];
        HMACSHA256.HashData(key, message, t);
        t.CopyTo(destination);
    }

    private void Update(ReadOnlySpan<byte> provided)
    {
        var buf = new byte[OutLen + 1 + provided.Length];
        provided.CopyTo(buf.AsSpan(OutLen + 1));
        for (byte round = 0; round <= 1; round++)
        {
            _v.CopyTo(buf, 0);
            buf[OutLen] = round;
            Mac(_key, buf, _key);
            Mac(_key, _v, _v);
            if (provided.IsEmpty) return;
        }
    }
}

/// <summary>A source of 32-bit words for <see cref="DrawRandom.Below"/>. Implementations are not required to be
/// thread-safe.</summary>
public interface IDrawWordSource
{
    /// <summary>The next 32-bit word of the stream.</summary>
    /// <returns>An unsigned 32-bit value.</returns>
    uint NextWord();
}

/// <summary>
/// The draw's word stream: the outputs of successive 32-byte <see cref="HmacDrbg.Generate"/> calls, concatenated, read
/// 4 bytes at a time as big-endian unsigned integers (8 words per call; a word never spans two calls). Not thread-safe.
/// </summary>
public sealed class DrbgWordSource : IDrawWordSource
{
    private readonly HmacDrbg _drbg;
    private readonly byte[] _block = new byte[HmacDrbg.OutLen];
    private int _pos = HmacDrbg.OutLen;

    /// <summary>Reads words from <paramref name="drbg"/>.</summary>
    /// <param name="drbg">An instantiated generator (not shared with other readers).</param>
    public DrbgWordSource(HmacDrbg drbg) => _drbg = drbg ?? throw new ArgumentNullException(nameof(drbg));

    /// <summary>Words consumed so far.</summary>
    public long WordsRead { get; private set; }

    /// <inheritdoc />
    public uint NextWord()
    {
        if (_pos == _block.Length)
        {
            _drbg.Generate(_block);
            _pos = 0;
        }
        var w = (uint)_block[_pos] << 24 | (uint)_block[_pos + 1] << 16 | (uint)_block[_pos + 2] << 8 | _block[_pos + 3];
        _pos += 4;
        WordsRead++;
        return w;
    }
}

/// <summary>
/// Unbiased integers by rejection, the method of Python's <c>random.randbelow</c> (with the bit length of n − 1): never
/// <c>% n</c>. Static; thread-safe as long as the word source is not shared.
/// </summary>
public static class DrawRandom
{
    /// <summary>
    /// A uniform integer in [0, n). For n = 1: 0, and no word is read. For n ≥ 2: k = bit length of n − 1 (1 ≤ k ≤ 31);
    /// repeat: w = next word, r = w &gt;&gt; (32 − k) (the top k bits); until r &lt; n; return r. Each try succeeds with
    /// probability n / 2^k &gt; 1/2.
    /// </summary>
    /// <param name="source">The word stream.</param>
    /// <param name="n">The bound, at least 1.</param>
    /// <returns>An integer 0 ≤ r &lt; n.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static int Below(IDrawWordSource source, int n)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (n == 1) return 0;
        var k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(n - 1));
        while (true)
        {
            var r = source.NextWord() >> (32 - k);
            if (r < (uint)n) return (int)r;
        }
    }

    /// <summary>
    /// Partial Fisher–Yates (Durstenfeld): over positions 0..n−1, for i = 0..m−1: j = i + <see cref="Below"/>(n − i);
    /// swap positions i and j; the selection is positions 0..m−1 in that order. Uniform over the ordered m-subsets.
    /// </summary>
    /// <param name="source">The word stream.</param>
    /// <param name="n">Population size, ≥ 0.</param>
    /// <param name="m">How many to select, 0 ≤ m ≤ n.</param>
    /// <returns>The selected indices into the population, in draw order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">m &lt; 0, n &lt; 0 or m &gt; n.</exception>
    public static int[] SelectIndices(IDrawWordSource source, int n, int m)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, n);
        var a = new int[n];
        for (var i = 0; i < n; i++) a[i] = i;
        for (var i = 0; i < m; i++)
        {
            var j = i + Below(source, n - i);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a[..m];
    }
}
