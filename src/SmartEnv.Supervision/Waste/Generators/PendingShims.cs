// TEMPORARY (issue 17 P5): stand-ins for P4's QuantityTolerance and P2's StorageAge, with the plan §2 signatures, so the
// generator rules build before those parts land on main. Deleted at the `git merge main` that brings the real types.
using SmartEnv.Standards.Common;

namespace SmartEnv.Supervision.Waste.Manifests
{
    /// <summary>Stand-in for P4's tolerance (plan §2).</summary>
    public static class QuantityTolerance
    {
        /// <summary>|a − e| &gt; max(1 % × e, 0.001 t).</summary>
        /// <param name="expectedTonnes">Expected.</param>
        /// <param name="actualTonnes">Actual.</param>
        /// <param name="r">Rules.</param>
        public static bool Exceeds(decimal expectedTonnes, decimal actualTonnes, WasteRules r) =>
            Math.Abs(actualTonnes - expectedTonnes) > Math.Max(r.QuantityTolerancePercent / 100m * expectedTonnes, r.QuantityToleranceMinTonnes);
    }
}

namespace SmartEnv.Supervision.Waste.Ledger
{
    /// <summary>Stand-in for P2's enum.</summary>
    public enum StorageAgeState
    {
        /// <summary>Within.</summary>
        Ok,
        /// <summary>Generator beyond 365 d.</summary>
        Warning,
        /// <summary>经营单位 beyond 365 d.</summary>
        OverLegalLimit,
    }

    /// <summary>Stand-in for P2's storage age (plan §2).</summary>
    public static class StorageAge
    {
        /// <summary>Whole Beijing calendar days.</summary>
        /// <param name="storedAt">Stored.</param>
        /// <param name="now">Now.</param>
        public static int Days(DateTimeOffset storedAt, DateTimeOffset now) =>
            Math.Max(0, BeijingTime.Date(now).DayNumber - BeijingTime.Date(storedAt).DayNumber);

        /// <summary>State.</summary>
        /// <param name="days">Days.</param>
        /// <param name="isBusinessUnit">经营单位.</param>
        /// <param name="rules">Rules.</param>
        public static StorageAgeState State(int days, bool isBusinessUnit, WasteRules rules) =>
            isBusinessUnit ? (days > rules.StorageLimitDays ? StorageAgeState.OverLegalLimit : StorageAgeState.Ok)
                : days > rules.StorageWarningDays ? StorageAgeState.Warning : StorageAgeState.Ok;
    }
}
