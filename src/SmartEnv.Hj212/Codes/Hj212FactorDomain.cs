namespace SmartEnv.Hj212.Codes;

/// <summary>Which App. B table a factor code belongs to (HJ 212-2017 §6.4).</summary>
public enum Hj212FactorDomain
{
    /// <summary>Water (table B.1, HJ 525-2009): codes w….</summary>
    Water = 1,
    /// <summary>Air and flue gas (table B.2, HJ 524-2009): codes a….</summary>
    Air = 2,
    /// <summary>Noise (table B.3, GB 3096-2008): LA, L5 … Ldn.</summary>
    Noise = 3,
}
