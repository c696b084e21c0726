using SmartEnv.Complaints.Signals;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The 信访投诉 tab of the 一企一档 file (<c>/enterprises/{uscc}?tab=complaints</c>, issue 18 P7), for staff only: how many
/// complaints name the enterprise (all time, and registered in the last 12 months: Beijing dates from the same day a year
/// ago through today) and how many of them were found 属实 / 部分属实, then one row per such verified case (number,
/// registration date, pollution types, 属实 / 部分属实, reply date or 未答复), newest first, at most
/// <see cref="MaxRows"/> — from <see cref="ComplaintSignals"/>. Never a reporter's name, contact, the content, address or
/// photos. An enterprise user (any scope but <see cref="DataScope.All"/>) gets no rows and the same text whether or not
/// complaints exist, 「信访投诉信息仅向生态环境部门开放」 (the complaint tables' query filter would give it no rows anyway; the
/// slot does not rely on it). Staff with no case naming the enterprise get 「未收到点名该单位的信访投诉」. SmartEnv rules
/// (issue 18 "a verified complaint appears on its 一企一档"; reporter privacy, supervision.md §5). Registered in DI by
/// <see cref="SmartEnvUi"/>; stateless; safe to call once per page load from one circuit.
/// </summary>
/// <param name="time">Clock (the last-12-months window).</param>
public sealed class ComplaintFileSlot(TimeProvider time) : IEnterpriseFileSlot
{
    /// <summary>Most verified cases listed (the counts cover all).</summary>
    public const int MaxRows = 50;

    /// <inheritdoc />
    public string Key => "complaints";

    /// <inheritdoc />
    public async Task<EnterpriseSlotView> LoadAsync(SmartEnvDbContext db, string uscc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(uscc);
        string[] headers = [Texts.Complaints.SlotItem, Texts.Complaints.SlotValue];
        if (!db.Scope.IsAll) return new EnterpriseSlotView(headers, [], Texts.Complaints.SlotStaffOnly);
        var today = BeijingTime.Today(time);
        var yearAgo = today.AddMonths(-12);
        var all = await ComplaintSignals.CountAgainstAsync(db, uscc, null, null, ct);
        if (all.Named == 0) return new EnterpriseSlotView(headers, [], Texts.Complaints.SlotEmpty);
        var recent = await ComplaintSignals.CountAgainstAsync(db, uscc, yearAgo, today, ct);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { Texts.Complaints.SlotNamed, Texts.Complaints.SlotCount(all.Named, recent.Named) },
            new[] { Texts.Complaints.SlotVerified, Texts.Complaints.SlotCount(all.Verified, recent.Verified) },
        };
        var verified = await ComplaintSignals.VerifiedAgainstAsync(db, uscc, DateOnly.MinValue, DateOnly.MaxValue, ct);
        foreach (var v in verified.OrderByDescending(v => v.RegisteredAt).ThenByDescending(v => v.Number, StringComparer.Ordinal).Take(MaxRows))
        {
            var verification = v.Verification == Verification.True ? Texts.Complaints.SlotTrue : Texts.Complaints.SlotPartlyTrue;
            var replied = v.RepliedAt is { } r ? Texts.Complaints.SlotReplied(Display.Date(BeijingTime.Date(r))) : Texts.Complaints.SlotNotReplied;
            rows.Add([v.Number, string.Join(" · ", Display.Date(v.RegisteredOn), TypeNames(v.Types), verification, replied)]);
        }
        return new EnterpriseSlotView(headers, rows, Texts.Complaints.SlotEmpty);
    }

    /// <summary>Names of the pollution types in the current language (complaint-categories.tsv), the code for an unknown one.</summary>
    private static string TypeNames(IReadOnlyList<string> codes) => codes.Count == 0 ? "—"
        : string.Join("、", codes.Select(c => PollutionTypes.Find(c) is { } t ? (SmartEnvUi.IsChinese ? t.NameZh : t.NameEn) : c));
}
