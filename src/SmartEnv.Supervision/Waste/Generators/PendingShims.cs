// TEMPORARY (issue 17 P5): stand-ins for P1's WasteRules and P4's QuantityTolerance, with the plan §2 signatures, so the
// generator rules build before those parts land. Deleted at the first `git merge main` that brings the real types.
namespace SmartEnv.Supervision.Waste
{
    /// <summary>Stand-in for P1's rule file (plan §2); the values are the plan's.</summary>
    public sealed class WasteRules
    {
        /// <summary>The plan's values.</summary>
        public static WasteRules Default { get; } = new();

        /// <summary>Rule version.</summary>
        public string Version => "waste-rules@shim";

        /// <summary>HJ 1259 §4.2.1: 重点 from 100 t.</summary>
        public decimal KeyClassMinTonnes => 100m;

        /// <summary>HJ 1259 §4.2.1: 简化 from 10 t.</summary>
        public decimal SimplifiedClassMinTonnes => 10m;

        /// <summary>HJ 1259 §7.2: by the 15th.</summary>
        public int DeclarationDueDay => 15;

        /// <summary>31 March.</summary>
        public int AnnualDueMonth => 3;

        /// <summary>31 March.</summary>
        public int AnnualDueDay => 31;

        /// <summary>固废法 Art. 81.</summary>
        public int StorageLimitDays => 365;

        /// <summary>SmartEnv rule.</summary>
        public decimal QuantityTolerancePercent => 1m;

        /// <summary>SmartEnv rule.</summary>
        public decimal QuantityToleranceMinTonnes => 0.001m;
    }
}

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
