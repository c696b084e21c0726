using SmartEnv.Supervision.Permits;

namespace SmartEnv.Supervision.Tests.Permits;

/// <summary>Permit renewal deadline (条例 Art. 14, "届满60日前"), plan §4 row "Permit expiry 59/61". Today is fixed
/// 2026-12-07 (a Beijing date). Day counts by hand: from 2026-12-07 to 2026-12-31 is 24 days, January 31 more = 55, so
/// 2027-02-04 is 59 days away, 2027-02-05 60, 2027-02-06 61.</summary>
public class PermitDeadlinesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void Fifty_nine_days_before_expiry_is_overdue()
    {
        var s = PermitDeadlines.Renewal(new DateOnly(2027, 2, 4), Today, renewalFiled: false);
        Assert.Equal(new DateOnly(2026, 12, 6), s.RenewalDue); // 2027-02-04 − 60 d: 4 Feb → 4 Dec is 62 d, so 6 Dec
        Assert.Equal(59, s.DaysToExpiry);
        Assert.Equal(RenewalStatus.Overdue, s.Status);
    }

    [Fact]
    public void Sixty_days_before_expiry_is_the_last_day_on_time()
    {
        var s = PermitDeadlines.Renewal(new DateOnly(2027, 2, 5), Today, renewalFiled: false);
        Assert.Equal(Today, s.RenewalDue);
        Assert.Equal(60, s.DaysToExpiry);
        Assert.Equal(RenewalStatus.DueSoon, s.Status);
    }

    [Fact]
    public void Sixty_one_days_before_expiry_is_due_soon_not_overdue()
    {
        var s = PermitDeadlines.Renewal(new DateOnly(2027, 2, 6), Today, renewalFiled: false);
        Assert.Equal(new DateOnly(2026, 12, 8), s.RenewalDue);
        Assert.Equal(61, s.DaysToExpiry);
        Assert.Equal(RenewalStatus.DueSoon, s.Status);
    }

    [Fact]
    public void A_filed_renewal_is_ok_until_expiry_then_expired()
    {
        Assert.Equal(RenewalStatus.Ok, PermitDeadlines.Renewal(new DateOnly(2027, 2, 4), Today, renewalFiled: true).Status);
        Assert.Equal(RenewalStatus.Ok, PermitDeadlines.Renewal(Today, Today, renewalFiled: true).Status); // last valid day
        var gone = PermitDeadlines.Renewal(new DateOnly(2026, 12, 6), Today, renewalFiled: true);
        Assert.Equal(RenewalStatus.Expired, gone.Status);
        Assert.Equal(-1, gone.DaysToExpiry);
    }

    // Due soon starts 30 days before the deadline: V − 60 − 30 = today ⇔ V = today + 90 = 2027-03-07 (24 + 31 + 28 + 7 = 90).
    [Theory]
    [InlineData(2027, 3, 7, RenewalStatus.DueSoon)]
    [InlineData(2027, 3, 8, RenewalStatus.Ok)]
    [InlineData(2031, 12, 6, RenewalStatus.Ok)]
    public void Far_expiry_is_ok(int y, int m, int d, RenewalStatus expected) =>
        Assert.Equal(expected, PermitDeadlines.Renewal(new DateOnly(y, m, d), Today, renewalFiled: false).Status);

    [Fact]
    public void The_lead_is_the_rule_file_value()
    {
        Assert.Equal(60, ReportRules.Default.RenewalLeadDays);
        Assert.Equal(20, ReportRules.Default.RegistrationRenewalWindowDays);
        // With a 30-day lead the 59-day permit is merely due soon (due 2027-01-05).
        Assert.Equal(RenewalStatus.DueSoon, PermitDeadlines.Renewal(new DateOnly(2027, 2, 4), Today, false, leadDays: 30).Status);
    }

    [Fact]
    public void A_registration_is_due_soon_in_its_last_20_days_and_never_overdue()
    {
        // 2026-12-26 is 19 days away (inside the window), 2026-12-27 20 days (outside), 2026-12-06 yesterday (expired).
        Assert.Equal(RenewalStatus.DueSoon, PermitDeadlines.RegistrationRenewal(new DateOnly(2026, 12, 26), Today, false).Status);
        Assert.Equal(RenewalStatus.Ok, PermitDeadlines.RegistrationRenewal(new DateOnly(2026, 12, 27), Today, false).Status);
        Assert.Equal(RenewalStatus.Ok, PermitDeadlines.RegistrationRenewal(new DateOnly(2026, 12, 26), Today, true).Status);
        Assert.Equal(RenewalStatus.Expired, PermitDeadlines.RegistrationRenewal(new DateOnly(2026, 12, 6), Today, true).Status);
        Assert.Equal(RenewalStatus.DueSoon, PermitDeadlines.RegistrationRenewal(Today, Today, false).Status);
    }
}
