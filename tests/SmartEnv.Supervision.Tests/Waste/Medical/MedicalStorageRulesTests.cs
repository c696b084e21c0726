using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Waste.Medical;

namespace SmartEnv.Supervision.Tests.Waste.Medical;

/// <summary>Rules 11 and 12 (条例 Art. 17 and 25, 48 h) at their boundaries, worked by hand.</summary>
public sealed class MedicalStorageRulesTests
{
    private static readonly TimeSpan H48 = MedicalStorageRules.DefaultMax;

    private static DateTimeOffset Bj(int mo, int d, int h, int mi = 0) => new(2025, mo, d, h, mi, 0, BeijingTime.Offset);

    [Fact]
    public void Default_maximum_is_48_hours_as_in_the_rule_file()
    {
        Assert.Equal(TimeSpan.FromHours(48), MedicalStorageRules.DefaultMax);
        Assert.Equal(TimeSpan.FromHours(48), MedicalStorageRules.MaxStorage(SmartEnv.Supervision.Waste.WasteRules.Default));
        Assert.Equal(TimeSpan.FromHours(48), MedicalStorageRules.MaxCollectionInterval(SmartEnv.Supervision.Waste.WasteRules.Default));
    }

    [Fact]
    public void Held_exactly_48_hours_is_not_overdue_one_minute_more_is()
    {
        var stored = Bj(3, 1, 8);
        Assert.False(MedicalStorageRules.HeldTooLong(stored, null, Bj(3, 3, 8), H48));
        Assert.True(MedicalStorageRules.HeldTooLong(stored, null, Bj(3, 3, 8, 1), H48));
        // Collected at 47 h: never overdue, however late it is judged.
        Assert.False(MedicalStorageRules.HeldTooLong(stored, Bj(3, 3, 7), Bj(3, 20, 0), H48));
        // Collected at 49 h: overdue.
        Assert.True(MedicalStorageRules.HeldTooLong(stored, Bj(3, 3, 9), Bj(3, 20, 0), H48));
    }

    [Fact]
    public void Storage_overdue_from_the_oldest_held_handover()
    {
        // Held: 03-01 08:00 and 03-02 20:00. At 03-03 08:00 the oldest is exactly 48 h old → not overdue.
        DateTimeOffset[] held = [Bj(3, 1, 8), Bj(3, 2, 20)];
        var at48 = MedicalStorageRules.Judge(held, null, Bj(3, 3, 8), H48, H48);
        Assert.False(at48.StorageOverdue);
        Assert.Equal(48m, at48.OldestHeldHours);
        // At 03-03 08:30: one overdue (48.5 h), since 03-03 08:00.
        var s = MedicalStorageRules.Judge(held, null, Bj(3, 3, 8, 30), H48, H48);
        Assert.True(s.StorageOverdue);
        Assert.Equal(1, s.OverdueCount);
        Assert.Equal(Bj(3, 3, 8), s.StorageOverdueSince);
        Assert.Equal(48.5m, s.OldestHeldHours);
        // Never collected: the collection interval runs from the oldest storage too.
        Assert.True(s.CollectionOverdue);
        Assert.Equal(Bj(3, 3, 8), s.CollectionOverdueSince);
        // A handover stored after now is not held yet.
        Assert.False(MedicalStorageRules.Judge([Bj(3, 9, 0)], null, Bj(3, 3, 8), H48, H48).StorageOverdue);
    }

    [Fact]
    public void A_collection_that_left_a_handover_behind_is_rule_11_not_rule_12()
    {
        // Bag stored 03-01 08:00 left behind by the collection of 03-02 10:00.
        DateTimeOffset[] held = [Bj(3, 1, 8)];
        var s = MedicalStorageRules.Judge(held, Bj(3, 2, 10), Bj(3, 3, 8, 1), H48, H48);
        Assert.True(s.StorageOverdue);
        Assert.False(s.CollectionOverdue);
        // Collection due by 03-04 10:00 (48 h after the collection); exactly then not overdue, a minute later overdue.
        Assert.False(MedicalStorageRules.Judge(held, Bj(3, 2, 10), Bj(3, 4, 10), H48, H48).CollectionOverdue);
        var late = MedicalStorageRules.Judge(held, Bj(3, 2, 10), Bj(3, 4, 10, 1), H48, H48);
        Assert.True(late.CollectionOverdue);
        Assert.Equal(Bj(3, 4, 10), late.CollectionOverdueSince);
        // 03-02 10:00 → 03-04 10:01 = 48 h 1 min.
        Assert.Equal(48m + 1m / 60m, late.CollectionIntervalHours);
    }

    [Fact]
    public void A_quiet_week_does_not_make_a_fresh_bag_a_collection_failure()
    {
        // Last collection 02-20; nothing stored until 03-01 08:00; judged an hour later: nothing overdue.
        var s = MedicalStorageRules.Judge([Bj(3, 1, 8)], Bj(2, 20, 10), Bj(3, 1, 9), H48, H48);
        Assert.False(s.CollectionOverdue);
        Assert.False(s.StorageOverdue);
        // Nothing held: neither rule holds, however long since the last collection.
        var empty = MedicalStorageRules.Judge([], Bj(1, 1, 0), Bj(3, 1, 9), H48, H48);
        Assert.Equal(new MedicalStorageState(false, null, null, 0, false, null, null), empty);
    }

    [Fact]
    public void Maxima_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MedicalStorageRules.Judge([], null, Bj(3, 1, 0), TimeSpan.Zero, H48));
}
