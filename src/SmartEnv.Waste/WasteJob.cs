namespace SmartEnv.Waste;

/// <summary>
/// Marker of the hazardous- and medical-waste job (issue 17; docs/waste.md). The services live in the folders named
/// after their area: <c>Ledger/</c>, <c>Labels/</c>, <c>Manifests/</c>, <c>Generators/</c>, <c>Medical/</c>. Constants; thread-safe.
/// </summary>
public static class WasteJob
{
    /// <summary>Engine name recorded as the author of computed waste figures.</summary>
    public const string Engine = "smartenv waste";
}
