using SmartEnv.Standards.Common;

namespace SmartEnv.Supervision.Waste.Ledger;

/// <summary>What a storage age means for a unit: <see cref="Ok"/>, <see cref="Warning"/> (a generator beyond
/// <c>storage.warning_days</c>, SUP §3.3 [U]) or <see cref="OverLegalLimit"/> (a 经营单位 beyond <c>storage.limit_days</c>,
/// 固废法 Art. 81 [P†]).</summary>
public enum StorageAgeState
{
    /// <summary>Within the limit.</summary>
    Ok,
    /// <summary>Stored more than 365 days by a unit that is not a 经营单位: a warning, not a legal limit.</summary>
    Warning,
    /// <summary>Stored more than 365 days by a 经营单位: over the legal one-year limit.</summary>
    OverLegalLimit,
}

/// <summary>
/// Storage age of a container (supervision.md §3.3): the number of whole Beijing calendar days from the Beijing date it was
/// put into storage (入库) to the Beijing date of "now" (0 on the day it was stored; stored 23:59 and looked at 00:01 the
/// next day = 1). The limit is a count of days read from <c>waste-rules.tsv</c> (<c>storage.limit_days</c> = 365 for
/// 经营单位, legal, 固废法 Art. 81 "不得超过一年" [P†]; <c>storage.warning_days</c> = 365 for generators, a warning [U]): age
/// 365 is within, 366 and more is over. Consequence stated on purpose: when the span contains 29 February, 366 days is
/// exactly one calendar year, and SmartEnv already flags it (SmartEnv rule: the acceptance "stored 366 days → alert, 365 →
/// not" counts days; flagging one day early in a leap year is the safe side for a supervision alert). Thread-safe.
/// </summary>
public static class StorageAge
{
    /// <summary>Whole Beijing calendar days between <paramref name="storedAt"/> and <paramref name="now"/>; 0 when now is
    /// on or before the storage date.</summary>
    /// <param name="storedAt">The 入库 instant.</param>
    /// <param name="now">The instant the age is wanted at.</param>
    public static int Days(DateTimeOffset storedAt, DateTimeOffset now) =>
        Math.Max(0, BeijingTime.Date(now).DayNumber - BeijingTime.Date(storedAt).DayNumber);

    /// <summary>The state of an age of <paramref name="days"/>.</summary>
    /// <param name="days">Storage age in days (<see cref="Days"/>).</param>
    /// <param name="isBusinessUnit">True for a 危险废物经营单位 (the legal limit applies).</param>
    /// <param name="rules">The rule file (<see cref="WasteRules.StorageLimitDays"/>, <see cref="WasteRules.StorageWarningDays"/>).</param>
    public static StorageAgeState State(int days, bool isBusinessUnit, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (isBusinessUnit) return days > rules.StorageLimitDays ? StorageAgeState.OverLegalLimit : StorageAgeState.Ok;
        return days > rules.StorageWarningDays ? StorageAgeState.Warning : StorageAgeState.Ok;
    }
}
