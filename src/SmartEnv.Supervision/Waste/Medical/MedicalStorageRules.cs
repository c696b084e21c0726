namespace SmartEnv.Supervision.Waste.Medical;

/// <summary>Where the 暂存间 of a medical institution stands at one instant (<see cref="MedicalStorageRules.Judge"/>).</summary>
/// <param name="StorageOverdue">Rule 11 (医疗废物暂存超时): some waste still held was stored more than the maximum before now.</param>
/// <param name="StorageOverdueSince">The earliest moment the held waste became overdue (oldest stored + maximum), or null.</param>
/// <param name="OldestHeldHours">Age in hours of the oldest waste still held (exact), or null when nothing is held.</param>
/// <param name="OverdueCount">Handovers held past the maximum.</param>
/// <param name="CollectionOverdue">Rule 12 (医疗废物收运超期): waste is held and no collection took place for more than the
/// maximum interval since the later of the last collection and the storage of the oldest waste held.</param>
/// <param name="CollectionOverdueSince">When rule 12 began to hold, or null.</param>
/// <param name="CollectionIntervalHours">Hours (exact) from the later of the last collection and the storage of the oldest
/// waste held to now, or null when nothing is held.</param>
public sealed record MedicalStorageState(bool StorageOverdue, DateTimeOffset? StorageOverdueSince, decimal? OldestHeldHours, int OverdueCount,
    bool CollectionOverdue, DateTimeOffset? CollectionOverdueSince, decimal? CollectionIntervalHours);

/// <summary>
/// Time limits of medical waste in a medical institution's 暂存间 (temporary store). Pure (instants in, no clock);
/// thread-safe.
/// <list type="bullet">
/// <item>Storage: 《医疗废物管理条例》 (国务院令第380号, 2003, rev. 2011) Art. 17 [P†] — temporary storage at most 2 days; SmartEnv
/// measures it as <b>48 hours</b> from the handover into the store (supervision.md §4; the 48 h wording of 环发〔2003〕206号
/// §2.4.2 is [U]). A handover is overdue when it is still held MORE than 48 h after it was stored (at exactly 48 h it is not).</item>
/// <item>Collection: 条例 Art. 25 [P†] — the central disposal unit collects at least every 2 days (48 h). SmartEnv rule:
/// the interval is counted from the later of the last collection and the storage of the oldest waste still held (an
/// institution that held nothing for a week is not overdue the moment it stores a bag); it holds only while waste is held.</item>
/// </list>
/// The two differ when a collection left a handover behind: the handover is overdue (rule 11, the institution's store) while
/// the collector came in time (no rule 12). The maxima come from the waste rule file (<c>MedicalStorageMaxHours</c>,
/// <c>MedicalCollectionMaxHours</c>, 48 each) so that a local rule is a file edit.
/// </summary>
public static class MedicalStorageRules
{
    /// <summary>Default maximum storage and collection interval: 48 h (条例 Art. 17 and 25, "2 days"), the value of the rule
    /// file's <c>medical.storage_max_hours</c> (<see cref="MaxStorage"/>).</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromHours(48);

    /// <summary>Maximum storage from the waste rule file (<c>medical.storage_max_hours</c>).</summary>
    /// <param name="r">Rules (<see cref="WasteRules.Default"/>).</param>
    public static TimeSpan MaxStorage(WasteRules r) => TimeSpan.FromHours((r ?? throw new ArgumentNullException(nameof(r))).MedicalStorageMaxHours);

    /// <summary>Maximum interval between collections from the waste rule file (<c>medical.collection_max_hours</c>).</summary>
    /// <param name="r">Rules.</param>
    public static TimeSpan MaxCollectionInterval(WasteRules r) => TimeSpan.FromHours((r ?? throw new ArgumentNullException(nameof(r))).MedicalCollectionMaxHours);

    /// <summary>True when waste stored at <paramref name="storedAt"/> and still held at <paramref name="now"/> (or collected
    /// at <paramref name="collectedAt"/>) was held longer than <paramref name="max"/>: (collected or now) − stored &gt; max.</summary>
    /// <param name="storedAt">Handover into the 暂存间.</param>
    /// <param name="collectedAt">When it left with a collection, or null while held.</param>
    /// <param name="now">The instant judged.</param>
    /// <param name="max">Maximum storage (48 h).</param>
    public static bool HeldTooLong(DateTimeOffset storedAt, DateTimeOffset? collectedAt, DateTimeOffset now, TimeSpan max)
    {
        var end = collectedAt is { } c && c < now ? c : now;
        return end - storedAt > max;
    }

    /// <summary>Judges one 暂存间 at <paramref name="now"/> (rules 11 and 12).</summary>
    /// <param name="heldStoredAt">Storage instants of the handovers still held at <paramref name="now"/> (not collected,
    /// stored at or before now).</param>
    /// <param name="lastCollectionAt">The latest collection from this store at or before now, or null when none.</param>
    /// <param name="now">The instant judged.</param>
    /// <param name="maxStorage">Maximum storage (48 h).</param>
    /// <param name="maxCollectionInterval">Maximum interval between collections (48 h).</param>
    /// <exception cref="ArgumentOutOfRangeException">A maximum not positive.</exception>
    public static MedicalStorageState Judge(IEnumerable<DateTimeOffset> heldStoredAt, DateTimeOffset? lastCollectionAt, DateTimeOffset now,
        TimeSpan maxStorage, TimeSpan maxCollectionInterval)
    {
        ArgumentNullException.ThrowIfNull(heldStoredAt);
        if (maxStorage <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxStorage), maxStorage, "must be positive");
        if (maxCollectionInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxCollectionInterval), maxCollectionInterval, "must be positive");
        var held = heldStoredAt.Where(t => t <= now).ToList();
        if (held.Count == 0) return new MedicalStorageState(false, null, null, 0, false, null, null);
        var oldest = held.Min();
        var overdue = held.Count(t => now - t > maxStorage);
        var hours = (decimal)(now - oldest).Ticks / TimeSpan.TicksPerHour;
        var from = lastCollectionAt is { } l && l > oldest ? l : oldest;
        var collection = now - from > maxCollectionInterval;
        return new MedicalStorageState(overdue > 0, overdue > 0 ? oldest + maxStorage : null, hours, overdue,
            collection, collection ? from + maxCollectionInterval : null, (decimal)(now - from).Ticks / TimeSpan.TicksPerHour);
    }
}
