using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Web.Ui;

/// <summary>An action the signed-in enterprise may take on a manifest now.</summary>
/// <param name="ActingUscc">The party (one of the account's enterprises) it acts as.</param>
/// <param name="Role"><c>generator|carrier|receiver</c>.</param>
/// <param name="Trigger">snake_case trigger (<c>submit</c>, <c>pick_up</c>, <c>arrive</c>, <c>accept</c>, <c>accept_partially</c>, <c>reject</c>, …).</param>
public sealed record WasteManifestAction(string ActingUscc, string Role, string Trigger);

/// <summary>A manifest as the pages list it: the manifest service's view and what this account may do with it.</summary>
/// <param name="View">The manifest (current version, <see cref="ManifestService"/>).</param>
/// <param name="Actions">Actions open to the account now (<see cref="ManifestWorkflow.Permitted"/> for each of its
/// parties; none for staff, who read only).</param>
public sealed record WasteManifestRow(ManifestView View, IReadOnlyList<WasteManifestAction> Actions)
{
    /// <summary>Σ declared quantity of the current lines (tonnes, as stored).</summary>
    public decimal TotalT => View.Lines.Sum(l => l.QuantityT);
}

/// <summary>One manifest's page: the row, its transitions and its versions (superseded snapshots stay readable).</summary>
/// <param name="Row">The manifest and its actions.</param>
/// <param name="Events">Transitions in time order.</param>
/// <param name="Versions">Versions, oldest first, the current one last.</param>
public sealed record WasteManifestPage(WasteManifestRow Row, IReadOnlyList<ManifestEventView> Events, IReadOnlyList<ManifestVersionView> Versions);

/// <summary>What the account typed for an action.</summary>
/// <param name="Vehicle">Vehicle plate (pick_up), or null.</param>
/// <param name="Note">Note (required by the service with a discrepancy, a partial acceptance or a refusal), or null.</param>
/// <param name="Received">Quantity received per line number (accept, accept_partially, reject); null = the declared quantities.</param>
public sealed record WasteActionForm(string? Vehicle, string? Note, IReadOnlyDictionary<int, decimal>? Received);

public sealed partial class WasteService
{
    private ManifestService Manifests => new(db, time);

    /// <summary>Manifests the account can see: staff every manifest (or the overdue ones), an enterprise those its
    /// enterprises are party to (移出人, 承运人 or 接受人) — newest first; filtered by <paramref name="q"/> (part of the number,
    /// a party's name or 统一社会信用代码, a waste code or name).</summary>
    /// <param name="q">Search text, or null.</param>
    /// <param name="overdueOnly">Only those overdue for receipt or back-fill (<see cref="ManifestService.ListAllAsync"/>; for an
    /// enterprise: <see cref="ManifestView.ReceiptOverdue"/>).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteManifestRow>> ManifestsAsync(string? q = null, bool overdueOnly = false, CancellationToken ct = default)
    {
        List<ManifestView> views;
        if (IsStaff) views = [.. await Manifests.ListAllAsync(overdueOnly, ct)];
        else
        {
            views = [];
            foreach (var uscc in db.Scope.Usccs)
                views.AddRange(await Manifests.ListAsync(uscc, null, ct));
            views = views.DistinctBy(v => v.Number).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Number, StringComparer.Ordinal).ToList();
            if (overdueOnly) views = views.Where(v => v.ReceiptOverdue).ToList();
        }
        if (Trim(q) is { } text)
        {
            var upper = text.ToUpperInvariant();
            views = views.Where(v => v.Number.Contains(text, StringComparison.Ordinal)
                || new[] { v.GeneratorName, v.CarrierName, v.ReceiverName }.Any(n => n.Contains(text, StringComparison.Ordinal))
                || new[] { v.GeneratorUscc, v.CarrierUscc, v.ReceiverUscc }.Any(u => u.Contains(upper, StringComparison.Ordinal))
                || v.Lines.Any(l => l.WasteCode.Contains(text, StringComparison.Ordinal) || l.Category == upper || l.Name.Contains(text, StringComparison.Ordinal))).ToList();
        }
        return views.Take(ListLimit).Select(RowOf).ToList();
    }

    /// <summary>The manifests awaiting an action of the account's enterprises (empty for staff).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteManifestRow>> ToSignAsync(CancellationToken ct = default) =>
        IsStaff ? [] : (await ManifestsAsync(null, false, ct)).Where(r => r.Actions.Count > 0).ToList();

    /// <summary>One manifest's page, or null when the account cannot see it (not a party; another enterprise's) or it
    /// does not exist — the page then says 「未找到」 and nothing of it.</summary>
    /// <param name="number">14-digit number.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<WasteManifestPage?> ManifestAsync(string number, CancellationToken ct = default)
    {
        var n = (number ?? "").Trim();
        ManifestView? view = null;
        if (IsStaff) view = await Manifests.GetAsync(n, null, ct);
        else
            foreach (var uscc in db.Scope.Usccs)
                if ((view = await Manifests.GetAsync(n, uscc, ct)) is not null) break;
        if (view is null) return null;
        var party = IsStaff ? null : PartyOf(view);
        var events = await Manifests.EventsAsync(n, party, ct) ?? [];
        var versions = await Manifests.VersionsAsync(n, party, ct) ?? [];
        return new WasteManifestPage(RowOf(view), events, versions);
    }

    /// <summary>Fires an action as one of the account's enterprises through <see cref="ManifestService.FireAsync"/> (the
    /// service checks the party, the state and the fields, writes the event and the audit entry).</summary>
    /// <param name="number">Manifest number.</param>
    /// <param name="action">The action offered on the page.</param>
    /// <param name="form">What was typed.</param>
    /// <param name="actor">Who (<see cref="AuditActors.ForUi"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when recorded; otherwise the service's refusal to show.</returns>
    public async Task<string?> FireAsync(string number, WasteManifestAction action, WasteActionForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(form);
        if (IsStaff || !db.Scope.Usccs.Contains(action.ActingUscc)) return Texts.Waste.StaffReadOnly;
        if (!ManifestWorkflow.TryParseTrigger(action.Trigger, out var trigger)) return action.Trigger;
        var page = await ManifestAsync(number, ct);
        if (page is null) return Texts.Waste.ManifestNotFound;
        IReadOnlyList<ManifestReceiptLine>? received = trigger is ManifestTrigger.Accept or ManifestTrigger.AcceptPartially or ManifestTrigger.Reject
            ? page.Row.View.Lines.Select(l => new ManifestReceiptLine(l.LineNo,
                form.Received?.TryGetValue(l.LineNo, out var r) == true ? r : trigger == ManifestTrigger.Reject ? 0m : l.QuantityT, null)).ToList()
            : null;
        try
        {
            await Manifests.FireAsync(number, action.ActingUscc, trigger, new ManifestActionInput(Vehicle: Trim(form.Vehicle), Received: received, Note: Trim(form.Note)), actor, ct);
            return null;
        }
        catch (ManifestException e)
        {
            return string.Join("；", e.Errors.SelectMany(x => x.Value));
        }
    }

    private string? PartyOf(ManifestView v) =>
        db.Scope.Usccs.FirstOrDefault(u => u == v.GeneratorUscc || u == v.CarrierUscc || u == v.ReceiverUscc);

    private WasteManifestRow RowOf(ManifestView v)
    {
        var actions = new List<WasteManifestAction>();
        if (!IsStaff && ManifestWorkflow.TryParseState(v.State, out var state))
            foreach (var (uscc, role) in new[] { (v.GeneratorUscc, ManifestRole.Generator), (v.CarrierUscc, ManifestRole.Carrier), (v.ReceiverUscc, ManifestRole.Receiver) })
                if (db.Scope.Usccs.Contains(uscc))
                    foreach (var t in ManifestWorkflow.Permitted(state, role).Where(t => t is not (ManifestTrigger.Correct or ManifestTrigger.BackFill or ManifestTrigger.RecordPaper)))
                        actions.Add(new WasteManifestAction(uscc, role.ToString().ToLowerInvariant(), ManifestWorkflow.Name(t)));
        return new WasteManifestRow(v, actions);
    }
}
