using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Drainage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Drainage;
using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Web.Ui;

/// <summary>The 入河排水口 list page's model: outlets of the filters and their 整治 progress.</summary>
/// <param name="Outlets">Outlets by code.</param>
/// <param name="Progress">Progress of these outlets.</param>
/// <param name="TargetYear">Plan year for all 整治 and 规范化.</param>
public sealed record DrainageListView(IReadOnlyList<DrainageOutlet> Outlets, DrainageProgress Progress, int TargetYear);

/// <summary>The outlet edit form of <c>/drainage/{code}</c> (strings as typed).</summary>
public sealed class OutletEditForm
{
    /// <summary>Responsible unit name.</summary>
    public string? ResponsibleUnit { get; set; }
    /// <summary>Its USCC.</summary>
    public string? ResponsibleUscc { get; set; }
    /// <summary>Camera id.</summary>
    public string? CameraId { get; set; }
    /// <summary>Level sensor id or MN.</summary>
    public string? LevelSensorId { get; set; }
    /// <summary>Flow sensor id or MN.</summary>
    public string? FlowSensorId { get; set; }
    /// <summary>New 整治 status key (empty = unchanged).</summary>
    public string? Status { get; set; }
    /// <summary>Day the status took effect, <c>yyyy-MM-dd</c> (empty = today).</summary>
    public string? EffectiveOn { get; set; }
    /// <summary>Status note (required when going back).</summary>
    public string? Note { get; set; }
}

/// <summary>The outcome of a page import: stored count, or the refused cells (then nothing stored), or a file error.</summary>
/// <param name="Stored">Outlets stored.</param>
/// <param name="Errors">Refused cells: row, column (header and key) or null, reason.</param>
public sealed record DrainageImportView(int Stored, IReadOnlyList<(int Row, string? Column, string Reason)> Errors);

/// <summary>
/// View models of the 入河排水口 pages (<c>/drainage</c>, <c>/drainage/{code}</c>; docs/drainage.md) over
/// <see cref="DrainageService"/>; names of rule keys from <see cref="DrainageRules"/>. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The caller's scoped context.</param>
/// <param name="time">Clock.</param>
public sealed class DrainageUiService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>The rules (names of rivers, types, statuses).</summary>
    public DrainageRules Rules => DrainageRules.Default;

    /// <summary>Outlets of the filters (keys; null or empty = all) with progress.</summary>
    /// <param name="river">River key.</param>
    /// <param name="type">Type key.</param>
    /// <param name="status">Status key.</param>
    /// <param name="street">Street code.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DrainageListView> ListAsync(string? river, string? type, string? status, string? street, CancellationToken ct = default)
    {
        var s = new DrainageService(db, time);
        var list = await s.ListAsync(river, type, status, street, ct);
        return new DrainageListView(list, s.Progress(list), s.Rules.TargetYear);
    }

    /// <summary>One outlet with history and samples, or null.</summary>
    /// <param name="code">Outlet code.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<(DrainageOutlet Outlet, List<DrainageStatusChange> History, List<DrainageSampleView> Samples)?> GetAsync(string code, CancellationToken ct = default) =>
        new DrainageService(db, time).GetAsync(code, ct);

    /// <summary>A form filled with an outlet's responsible unit and sensors (status fields empty).</summary>
    /// <param name="o">The outlet.</param>
    public static OutletEditForm FormOf(DrainageOutlet o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OutletEditForm { ResponsibleUnit = o.ResponsibleUnit, ResponsibleUscc = o.ResponsibleUscc, CameraId = o.CameraId, LevelSensorId = o.LevelSensorId, FlowSensorId = o.FlowSensorId };
    }

    /// <summary>Saves the edit form: the 整治 status first when one is chosen (<see cref="DrainageService.SetStatusAsync"/>: history
    /// row, a step back needs a note, no day ahead of today), then the responsible unit and sensors when they changed
    /// (<see cref="DrainageService.UpdateAsync"/>); each audited. Returns an error text or null.</summary>
    /// <param name="code">Outlet code.</param>
    /// <param name="f">The form.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> SaveAsync(string code, OutletEditForm f, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        var s = new DrainageService(db, time);
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(f.EffectiveOn))
        {
            if (!DateOnly.TryParseExact(f.EffectiveOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return "effective_on: yyyy-MM-dd";
            on = d;
        }
        if (!string.IsNullOrWhiteSpace(f.ResponsibleUscc) && f.ResponsibleUscc.Trim().Length != 18) return "responsible_uscc: 18 characters"; // before any change is stored
        if (await s.GetAsync(code, ct) is not { } current) return $"no outlet {code}";
        try
        {
            if (!string.IsNullOrWhiteSpace(f.Status) && f.Status != current.Outlet.Status) await s.SetStatusAsync(code, f.Status, on, f.Note, actor, ct);
            var o = current.Outlet;
            static string? T(string? x) => string.IsNullOrWhiteSpace(x) ? null : x.Trim();
            if ((T(f.ResponsibleUnit), T(f.ResponsibleUscc), T(f.CameraId), T(f.LevelSensorId), T(f.FlowSensorId)) != (o.ResponsibleUnit, o.ResponsibleUscc, o.CameraId, o.LevelSensorId, o.FlowSensorId))
                await s.UpdateAsync(code, f.ResponsibleUnit, f.ResponsibleUscc, f.CameraId, f.LevelSensorId, f.FlowSensorId, actor, ct);
            return null;
        }
        catch (DrainageException e)
        {
            return e.Message;
        }
    }

    /// <summary>Imports a registry file chosen on the page (.csv UTF-8 or .xlsx, at most
    /// <see cref="DrainageService.MaxImportBytes"/>) through the same all-or-nothing importer as the CLI and the API.</summary>
    /// <param name="file">The chosen file.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DrainageImportView> ImportAsync(IBrowserFile file, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ext = Path.GetExtension(file.Name).ToLowerInvariant();
        if (ext is not (".csv" or ".xlsx")) return new DrainageImportView(0, [(0, null, "a .csv (UTF-8) or .xlsx file")]);
        if (file.Size == 0 || file.Size > DrainageService.MaxImportBytes) return new DrainageImportView(0, [(0, null, "file: 1 byte to 10 MiB")]);
        using var ms = new MemoryStream();
        await using (var src = file.OpenReadStream(DrainageService.MaxImportBytes, ct)) await src.CopyToAsync(ms, ct);
        ms.Position = 0;
        var r = await new DrainageService(db, time).ImportAsync(ms, ext == ".xlsx", Path.GetFileName(file.Name), actor, ct);
        return new DrainageImportView(r.Stored, [.. r.Errors.SelectMany(DrainageService.Cells)]);
    }

    /// <summary>Chinese name of a river, type or status key (the key when unknown).</summary>
    /// <param name="key">Key.</param>
    public string Name(string? key) => key is null ? "—" : (Rules.FindRiver(key) ?? Rules.FindType(key) ?? Rules.FindStatus(key))?.NameZh ?? key;
}
