using SmartEnv.Intake;

namespace SmartEnv.Gateway.Tests;

/// <summary>Issue 14 item 4: the wrong-PW limits of <see cref="PasswordGuard"/> with hand-worked times (defaults: 5 per MN,
/// 20 per address, lock 1 min doubling to 1 h, forgotten after 24 h).</summary>
public sealed class PasswordGuardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_wrong_PWs_lock_the_MN_for_1_min_then_every_further_failure_relocks_with_twice_the_time_up_to_1_h()
    {
        var g = new PasswordGuard();
        for (var i = 0; i < 4; i++) Assert.Null(g.Failed("MN1", 7, "10.0.0.9", T0.AddSeconds(i), out _));
        Assert.False(g.Check("MN1", "10.0.0.9", T0.AddSeconds(4)).Locked);
        var first = g.Failed("MN1", 7, "10.0.0.9", T0.AddSeconds(4), out _);
        Assert.Equal(T0.AddSeconds(4).AddMinutes(1), first!.LockedUntil);
        Assert.Equal(5, first.Failures);
        Assert.Equal(T0, first.FirstFailureAt);
        Assert.True(g.Check("MN1", "10.0.0.9", T0.AddSeconds(5)).Locked);    // the guessing address
        Assert.False(g.Check("MN1", "10.0.0.8", T0.AddSeconds(5)).Locked);   // not one that never sent a wrong PW
        Assert.False(g.Check("MN1", "10.0.0.8", T0.AddSeconds(64)).Locked);  // ran out at +64 s

        // After a lock has run out the next failure locks again at once: 2, 4, 8, 16, 32 min, then the 1 h cap.
        var t = T0.AddSeconds(64);
        foreach (var minutes in new[] { 2, 4, 8, 16, 32, 60, 60 })
        {
            var e = g.Failed("MN1", 7, "10.0.0.8", t, out _);
            Assert.Equal(t.AddMinutes(minutes), e!.LockedUntil);
            t = e.LockedUntil!.Value;
        }
    }

    [Fact]
    public void After_a_restart_one_guesser_cannot_silence_the_logger_but_guesses_from_more_than_16_addresses_lock_every_other_address()
    {
        // A tester restarted the platform (the known-good address is forgotten), sent 6 wrong PWs from one address and the
        // logger's correct packets went unanswered; one guess per lock period kept the station silent.
        var g = new PasswordGuard(); // fresh: no known-good address
        for (var i = 0; i < 6; i++) g.Failed("MN3", 7, "10.0.0.80", T0.AddSeconds(i), out _);
        Assert.True(g.Check("MN3", "10.0.0.80", T0.AddSeconds(10)).Locked);
        Assert.False(g.Check("MN3", "10.0.0.1", T0.AddSeconds(10)).Locked);  // the logger, wherever it is now
        Assert.False(g.Check("MN3", "10.0.0.2", T0.AddSeconds(10)).Locked);
        g.Succeeded("MN3", 7, "10.0.0.2", T0.AddSeconds(10));                // a logger answered from 10.0.0.2
        // A wrong PW from a new address while locked: compared once, then that address is locked too.
        g.Failed("MN3", 7, "10.0.0.81", T0.AddSeconds(11), out _);
        Assert.True(g.Check("MN3", "10.0.0.81", T0.AddSeconds(12)).Locked);
        // 16 addresses in all may each be refused alone; the 17th makes the lock hold for every address …
        for (var i = 2; i < 16; i++) g.Failed("MN3", 7, "10.0.1." + i, T0.AddSeconds(12 + i), out _);
        Assert.False(g.Check("MN3", "10.0.0.1", T0.AddSeconds(40)).Locked);
        g.Failed("MN3", 7, "10.0.1.99", T0.AddSeconds(41), out _);
        Assert.True(g.Check("MN3", "10.0.0.1", T0.AddSeconds(42)).Locked);
        // … except the known-good one.
        Assert.False(g.Check("MN3", "10.0.0.2", T0.AddSeconds(44)).Locked);
    }

    [Fact]
    public void The_device_at_its_known_good_address_is_not_locked_out_and_its_success_gives_the_guesser_nothing()
    {
        var g = new PasswordGuard();
        Assert.Null(g.Succeeded("MN2", 7, "10.0.0.1", T0));
        for (var i = 0; i < 5; i++) g.Failed("MN2", 7, "10.0.0.66", T0.AddSeconds(1 + i), out _);
        Assert.True(g.Check("MN2", "10.0.0.66", T0.AddSeconds(10)).Locked);
        Assert.False(g.Check("MN2", "10.0.0.1", T0.AddSeconds(10)).Locked);  // the logger's own address
        Assert.Null(g.Succeeded("MN2", 7, "10.0.0.1", T0.AddSeconds(10)));   // still locked: no recovery
        // The lock runs out at +66 s; the logger's next success ends the episode once, but the count stays: the guesser's
        // next wrong PW locks again at once, with twice the time.
        var rec = g.Succeeded("MN2", 7, "10.0.0.1", T0.AddSeconds(70));
        Assert.NotNull(rec);
        Assert.Null(rec.LockedUntil);
        Assert.Null(g.Succeeded("MN2", 7, "10.0.0.1", T0.AddSeconds(71)));
        Assert.Equal(T0.AddSeconds(72).AddMinutes(2), g.Failed("MN2", 7, "10.0.0.66", T0.AddSeconds(72), out _)!.LockedUntil);
    }

    [Fact]
    public void Twenty_wrong_PWs_from_one_address_lock_the_address_for_every_MN()
    {
        var g = new PasswordGuard();
        DateTimeOffset? until = null;
        for (var i = 0; i < 20; i++) g.Failed("SPRAY" + i, 7, "10.0.0.77", T0.AddSeconds(i), out until); // 20 MNs, one guess each
        Assert.Equal(T0.AddSeconds(19).AddMinutes(1), until);
        var gate = g.Check("OTHER", "10.0.0.77", T0.AddSeconds(20));
        Assert.True(gate.Locked);
        Assert.Equal("address 10.0.0.77", gate.Key);
        Assert.False(g.Check("OTHER", "10.0.0.78", T0.AddSeconds(20)).Locked);
        Assert.False(g.Check("SPRAY1", null, T0.AddSeconds(20)).Locked); // one failure per MN: no MN lock
    }

    [Fact]
    public void Failures_are_forgotten_after_24_h_and_a_new_PW_clears_them_at_once()
    {
        var g = new PasswordGuard();
        for (var i = 0; i < 4; i++) g.Failed("MN3", 7, "10.0.0.5", T0.AddSeconds(i), out _);
        Assert.Null(g.Failed("MN3", 7, "10.0.0.5", T0.AddHours(24).AddSeconds(4), out _)); // 24 h quiet: count restarts at 1
        for (var i = 0; i < 3; i++) g.Failed("MN3", 7, "10.0.0.5", T0.AddHours(25).AddSeconds(i), out _);
        Assert.NotNull(g.Failed("MN3", 7, "10.0.0.5", T0.AddHours(25).AddSeconds(3), out _)); // 5th within the day
        g.Reset("MN3");
        Assert.False(g.Check("MN3", "10.0.0.5", T0.AddHours(25).AddSeconds(4)).Locked);
    }

    [Theory]
    [InlineData("127.0.0.1:53122", "127.0.0.1")]
    [InlineData("[::ffff:10.1.2.3]:9000", "10.1.2.3")]
    [InlineData("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:9000", "2001:db8:1:2::/64")]
    [InlineData("import:0123456789abcdef:12", null)]
    public void Addresses_are_IPv4_or_an_IPv6_64_prefix(string peer, string? key) => Assert.Equal(key, PasswordGuard.AddressKey(peer));
}
