using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The 危险废物 tab of the 一企一档 file (<c>/enterprises/{uscc}?tab=hw</c>, issue 17): the enterprise's waste roles,
/// its storage facilities with their stock now (containers in state 入库, Σ tonnes, oldest storage age by
/// <see cref="StorageAge.Days"/>), how many containers it has recorded and its latest ledger entry — from the stored
/// rows, read through the caller's scoped context (an enterprise user reaches only its own file). An enterprise with no
/// waste record gets the tab's empty text, never invented rows. Registered in DI by <see cref="SmartEnvUi"/>; stateless;
/// safe to call once per page load from one circuit.
/// </summary>
/// <param name="time">Clock (storage age now).</param>
public sealed class WasteFileSlot(TimeProvider time) : IEnterpriseFileSlot
{
    /// <inheritdoc />
    public string Key => "hw";

    /// <inheritdoc />
    public async Task<EnterpriseSlotView> LoadAsync(SmartEnvDbContext db, string uscc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var rows = new List<IReadOnlyList<string>>();
        var party = await db.WasteParties.AsNoTracking().SingleOrDefaultAsync(p => p.Uscc == uscc, ct);
        if (party is not null && party.Roles != WastePartyRoles.None)
            rows.Add([Texts.Waste.RoleColumn, string.Join("、", WasteService.RoleIds(party.Roles).Select(Texts.Waste.Role))]);
        var facilities = await db.WasteFacilities.AsNoTracking().Where(f => f.Uscc == uscc).OrderBy(f => f.Code).ToListAsync(ct);
        var stored = await db.WasteContainers.AsNoTracking().Where(c => c.Uscc == uscc && c.State == WasteLedgerStage.Stored).ToListAsync(ct);
        foreach (var f in facilities.Where(f => f.Kind is WasteFacilityKind.Storage or WasteFacilityKind.MedicalTemporary))
        {
            var inside = stored.Where(c => c.FacilityId == f.Id).ToList();
            var text = Texts.Waste.SlotFacility(WasteService.T(inside.Sum(c => c.QuantityT)), inside.Count,
                inside.Count == 0 ? "—" : inside.Max(c => c.StoredAt is { } s ? StorageAge.Days(s, now) : 0).ToString(CultureInfo.CurrentCulture));
            rows.Add([Texts.Waste.SlotStock + " · " + f.Name + " " + f.Code, text]);
        }
        var total = await db.WasteContainers.AsNoTracking().CountAsync(c => c.Uscc == uscc, ct);
        if (total > 0) rows.Add([Texts.Waste.SlotContainers, Texts.Waste.SlotContainerCount(total, stored.Count)]);
        var last = await db.WasteLedgerEntries.AsNoTracking().Where(e => e.Uscc == uscc).OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        if (last is not null)
            rows.Add([Texts.Waste.SlotLastLedger, $"{Display.Beijing(last.At)} {Texts.Waste.Stage(last.Stage.ToString())} {last.Name} {last.WasteCode} {WasteService.T(last.QuantityT)}"]);
        return new EnterpriseSlotView([Texts.Waste.SlotItem, Texts.Waste.SlotValue], rows, Texts.Waste.SlotEmpty);
    }
}
