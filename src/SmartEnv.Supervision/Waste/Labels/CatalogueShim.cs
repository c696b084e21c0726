// TEMPORARY SHIM (issue 17 P3): the catalogue types of plan §2 (owned by P1) until P1's commit is on main; this file is
// deleted in the merge commit that takes P1's Waste/Catalogue in. Only the members the label uses.
namespace SmartEnv.Supervision.Waste.Catalogue;

/// <summary>Hazard characteristic (名录 Art. 5(四)); shim of P1's type.</summary>
public enum HazardCharacteristic
{
    /// <summary>毒性 Toxicity.</summary>
    T,
    /// <summary>腐蚀性 Corrosivity.</summary>
    C,
    /// <summary>易燃性 Ignitability.</summary>
    I,
    /// <summary>反应性 Reactivity.</summary>
    R,
    /// <summary>感染性 Infectivity.</summary>
    In,
}

/// <summary>How the list joins several characteristics; shim of P1's type.</summary>
public enum HazardJoin
{
    /// <summary>One characteristic.</summary>
    Single,
    /// <summary>"，": has the first, may have the others.</summary>
    FirstCertain,
    /// <summary>"/": has one or more of them.</summary>
    AnyOf,
}

/// <summary>Hazard characteristics of a list entry; shim of P1's type.</summary>
/// <param name="Items">The characteristics in list order.</param>
/// <param name="Join">How they are joined.</param>
/// <param name="Text">The text as printed in the list.</param>
public sealed record HazardCharacteristics(IReadOnlyList<HazardCharacteristic> Items, HazardJoin Join, string Text);
