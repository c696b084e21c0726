namespace SmartEnv.Complaints;

/// <summary>
/// Marker of the complaints and petitions job (issue 18; docs/complaints.md). The services live in the folders named after
/// their area: <c>Intake/</c> (public form, staff entry, photos, query codes), <c>Handling/</c> (acceptance, duplicates,
/// the workflow, deadlines, replies, 回访), <c>Statistics/</c> (bulletin tallies, hotspots, Excel), <c>Open311/</c>
/// (GeoReport v2). Constants; thread-safe.
/// </summary>
public static class ComplaintsJob
{
    /// <summary>Engine name recorded as the author of computed complaint figures and system events.</summary>
    public const string Engine = "smartenv complaints";
}
