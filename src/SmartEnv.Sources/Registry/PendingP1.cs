using SmartEnv.Standards.Identifiers;

namespace SmartEnv.Sources.Registry;

// Temporary until P1's SmartEnv.Supervision.Permits (PermitNumber, OutletCode, PermitDeadlines) is on main; then every
// call goes to P1 and this file is deleted.
internal static class PendingP1
{
    public static string? NumberReason(string number)
    {
        if (number.Length != 22) return $"a permit number has 22 characters; got {number.Length}";
        if (Uscc.Check(number[..18]) is { } f) return "positions 1–18 are the 统一社会信用代码: " + f.Message;
        for (var i = 18; i < 21; i++) if (number[i] is < '0' or > '9') return $"position {i + 1}: digits only";
        return number[21] is < 'A' or > 'Z' ? "position 22: one letter A–Z" : null;
    }

    public static string? OutletReason(string code) =>
        code.Length == 5 && code[0] == 'D' && code[1] is 'A' or 'W' && code[2..].All(char.IsAsciiDigit) ? null : "an outlet code is D + A|W + 3 digits";
}

// P1's PermitDeadlines.Renewal / RegistrationRenewal (条例 Art. 14, 60 days; registration 20-day window), same results.
internal static class PendingP1Deadlines
{
    public static (DateOnly Due, int Days, string Status) Renewal(DateOnly validTo, DateOnly today, bool filed, bool registration)
    {
        var days = validTo.DayNumber - today.DayNumber;
        if (registration)
            return (validTo, days, today > validTo ? "expired" : filed ? "ok" : days < 20 ? "due_soon" : "ok");
        var due = validTo.AddDays(-60);
        return (due, days, today > validTo ? "expired" : filed ? "ok" : today > due ? "overdue" : today.DayNumber >= due.DayNumber - 30 ? "due_soon" : "ok");
    }
}
