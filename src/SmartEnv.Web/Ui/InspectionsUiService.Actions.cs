using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Inspections;
using SmartEnv.Inspections.Draw;
using SmartEnv.Inspections.Enforcement;
using SmartEnv.Inspections.Records;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Web.Ui;

/// <summary>The 「冻结新的抽查计划」 form on <c>/inspections</c> (strings as typed).</summary>
public sealed class FreezeForm
{
    /// <summary>Plan id, e.g. <c>SJ-2025Q1</c>.</summary>
    public string PlanId { get; set; } = "";
    /// <summary>Quarter <c>YYYYQn</c>.</summary>
    public string Quarter { get; set; } = "";
    /// <summary>sha256 of the organiser's secret (64 hex digits; made offline with <c>smartenv draw secret</c>).</summary>
    public string CommitmentHash { get; set; } = "";
}

/// <summary>The 「抽取」 form of a frozen plan (strings as typed).</summary>
public sealed class CommitForm
{
    /// <summary>The secret, hex.</summary>
    public string Secret { get; set; } = "";
    /// <summary>The public value as published, e.g. 上证指数 2025-01-06 收盘 3206.92.</summary>
    public string PublicValue { get; set; } = "";
}

/// <summary>The create/edit form of an enforcement case (strings as typed; days <c>yyyy-MM-dd</c>, empty = none).</summary>
public sealed class CaseForm
{
    /// <summary>案号 (create only; fixed on edit).</summary>
    public string CaseNumber { get; set; } = "";
    /// <summary>The party's USCC.</summary>
    public string Uscc { get; set; } = "";
    /// <summary>Legal basis.</summary>
    public string LegalBasis { get; set; } = "";
    /// <summary>Penalty type.</summary>
    public StoredPenaltyType PenaltyType { get; set; } = StoredPenaltyType.Fine;
    /// <summary>Fine in 元, empty = none.</summary>
    public string Amount { get; set; } = "";
    /// <summary>立案 day.</summary>
    public string FiledOn { get; set; } = "";
    /// <summary>告知 day.</summary>
    public string NotifiedOn { get; set; } = "";
    /// <summary>决定 day.</summary>
    public string DecidedOn { get; set; } = "";
    /// <summary>执行 day.</summary>
    public string ExecutedOn { get; set; } = "";
    /// <summary>Status.</summary>
    public StoredEnforcementStatus Status { get; set; } = StoredEnforcementStatus.Filed;
    /// <summary>Facts.</summary>
    public string Facts { get; set; } = "";
    /// <summary>Credit item code, empty = <see cref="EnforcementCaseService.DefaultCreditItem"/>.</summary>
    public string CreditItemCode { get; set; } = "";
    /// <summary>The version read (edit; optimistic concurrency).</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored case (for editing it at its version).</summary>
    /// <param name="c">The case.</param>
    public static CaseForm From(EnforcementCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        return new CaseForm
        {
            CaseNumber = c.CaseNumber, Uscc = c.Uscc, LegalBasis = c.LegalBasis, PenaltyType = c.PenaltyType,
            Amount = c.Amount?.ToString(CultureInfo.InvariantCulture) ?? "", FiledOn = D(c.FiledOn), NotifiedOn = D(c.NotifiedOn), DecidedOn = D(c.DecidedOn),
            ExecutedOn = D(c.ExecutedOn), Status = c.Status, Facts = c.Facts ?? "", CreditItemCode = c.CreditItemCode ?? "", Version = c.Version,
        };
    }
}

/// <summary>The follow-up form of one rectification order.</summary>
public sealed class FollowUpForm
{
    /// <summary>Day of the check, <c>yyyy-MM-dd</c> (Beijing).</summary>
    public string On { get; set; } = "";
    /// <summary>True = rectified, false = not rectified.</summary>
    public bool Rectified { get; set; } = true;
    /// <summary>Note.</summary>
    public string Note { get; set; } = "";
}

/// <summary>A rectification order of a plan's task as the plan page lists it.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="Uscc">The enterprise.</param>
/// <param name="Item">The finding's item.</param>
/// <param name="Category">The finding's problem category.</param>
/// <param name="IssuedOn">Issue day.</param>
/// <param name="DueOn">Due day.</param>
/// <param name="FollowUpOn">Follow-up day, or null when not yet checked.</param>
/// <param name="Result">Follow-up result, or null.</param>
/// <param name="Note">Follow-up note.</param>
public sealed record OrderRow(long OrderId, string Uscc, string Item, string? Category, DateOnly IssuedOn, DateOnly DueOn, DateOnly? FollowUpOn,
    StoredFollowUpResult? Result, string? Note);

public sealed partial class InspectionsUiService
{
    /// <summary>Freezes a new plan through <see cref="DrawPlanService.FreezeAsync"/> (district 500105, default rules;
    /// audit entry <c>draw.freeze</c>). Returns a Chinese error text, or null when stored.</summary>
    /// <param name="form">Plan id, quarter, commitment hash.</param>
    /// <param name="actor">The organiser (the page's signed-in user).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> FreezeAsync(FreezeForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var id = form.PlanId.Trim();
        if (id.Length is 0 or > DrawPlanRecord.PlanIdLength) return Texts.Inspections.ErrPlanId;
        var quarter = form.Quarter.Trim().ToUpperInvariant();
        if (quarter.Length == 0) return Texts.Inspections.ErrQuarter;
        try
        {
            await new DrawPlanService(db, time).FreezeAsync(new DrawFreezeRequest(id, "500105", quarter, form.CommitmentHash.Trim().ToLowerInvariant()), actor, ct);
            return null;
        }
        catch (InspectionException e) { return Refusal(e); }
    }

    /// <summary>Commits a frozen plan through <see cref="DrawPlanService.CommitAsync"/> (audit entry <c>draw.commit</c>): a
    /// secret whose sha256 is not the commitment is refused (<see cref="Texts.Inspections.ErrSecretMismatch"/>) and nothing is
    /// stored. Returns a Chinese error text, or null when drawn.</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="form">Secret and public value.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> CommitAsync(string planId, CommitForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(form.Secret) || string.IsNullOrWhiteSpace(form.PublicValue)) return Texts.Inspections.ErrSecretMissing;
        try
        {
            await new DrawPlanService(db, time).CommitAsync(planId, form.Secret.Trim().ToLowerInvariant(), form.PublicValue.Trim(), actor, ct);
            return null;
        }
        catch (InspectionException e) { return Refusal(e); }
        finally { db.ChangeTracker.Clear(); } // a refused commit leaves nothing tracked for the next action
    }

    /// <summary>Creates a case through <see cref="EnforcementCaseService.CreateAsync"/> (audit <c>enforcement.create</c>).
    /// Returns a Chinese error text, or null when stored.</summary>
    /// <param name="form">The case.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> CreateCaseAsync(CaseForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (CaseInput(form, withVersion: false) is var (input, error) && error is not null) return error;
        try { await new EnforcementCaseService(db, time).CreateAsync(input!, actor, ct); return null; }
        catch (InspectionException e) { return Refusal(e); }
        finally { db.ChangeTracker.Clear(); }
    }

    /// <summary>Updates a case at the form's version through <c>EnforcementCaseService.UpdateAsync</c> (audit
    /// <c>enforcement.update</c>); a stale version is refused with <see cref="Texts.Inspections.ErrStale"/>. Returns a
    /// Chinese error text, or null when stored.</summary>
    /// <param name="form">The case as it should be, with the version read.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> UpdateCaseAsync(CaseForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (CaseInput(form, withVersion: true) is var (input, error) && error is not null) return error;
        try { await new EnforcementCaseService(db, time).UpdateAsync(input!, actor, ct); return null; }
        catch (InspectionException e) { return Refusal(e); }
        finally { db.ChangeTracker.Clear(); }
    }

    /// <summary>The rectification orders on findings of the plan's tasks, open ones first, then by due day.</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<OrderRow>> OrdersAsync(string planId, CancellationToken ct = default)
    {
        var rows = await (from p in db.DrawPlans.AsNoTracking()
                          where p.PlanId == planId
                          join t in db.InspectionTasks.AsNoTracking() on p.Id equals t.PlanId
                          join r in db.InspectionRecords.AsNoTracking() on (long?)t.Id equals r.TaskId
                          join f in db.InspectionFindings.AsNoTracking() on r.Id equals f.RecordId
                          join o in db.RectificationOrders.AsNoTracking() on f.Id equals o.FindingId
                          select new OrderRow(o.Id, r.Uscc, f.Item, f.Category, o.IssuedOn, o.DueOn, o.FollowUpOn, o.FollowUpResult, o.Note)).ToListAsync(ct);
        return [.. rows.OrderBy(o => o.Result is null ? 0 : 1).ThenBy(o => o.DueOn).ThenBy(o => o.OrderId)];
    }

    /// <summary>Records the follow-up check of an order through <see cref="InspectionRecordService.FollowUpAsync"/> (audit
    /// <c>rectification.follow_up</c>). Returns a Chinese error text, or null when stored.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="form">Day, result, note.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> FollowUpAsync(long orderId, FollowUpForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!TryDay(form.On, out var on) || on is not { } day) return Texts.Inspections.ErrDate;
        try
        {
            await new InspectionRecordService(db, time).FollowUpAsync(orderId, day, form.Rectified ? StoredFollowUpResult.Rectified : StoredFollowUpResult.NotRectified,
                string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim(), actor, ct);
            return null;
        }
        catch (InspectionException e) { return Refusal(e); }
        finally { db.ChangeTracker.Clear(); }
    }

    /// <summary>The Chinese text of a refusal of the inspection services. The services refuse in English naming the field
    /// (<see cref="InspectionException"/>: "uscc: 18 characters", "case … changed (version …)", …) and, for a draw, with the
    /// <see cref="DrawException.Reason"/> as the inner exception; this maps each to its Chinese text and anything unknown to
    /// <see cref="Texts.Inspections.ErrInvalid"/> (never English on the page). Pure; thread-safe.</summary>
    /// <param name="e">The refusal.</param>
    public static string Refusal(InspectionException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var m = e.Message;
        bool Has(string s) => m.Contains(s, StringComparison.Ordinal);
        if (e.InnerException is DrawException d)
            return d.Reason switch
            {
                DrawFailure.CommitmentMismatch => Texts.Inspections.ErrSecretMismatch,
                DrawFailure.SeedMissing => Texts.Inspections.ErrSecretMissing,
                DrawFailure.TooFewInspectors => Texts.Inspections.ErrTooFewInspectors,
                _ when Has("secret") => Texts.Inspections.ErrSecretFormat,
                _ when Has("quarter") => Texts.Inspections.ErrQuarter,
                _ => Texts.Inspections.ErrPlanInvalid,
            };
        var field = m.Split(':', 2)[0];
        if (field.StartsWith("findings[", StringComparison.Ordinal) && int.TryParse(field[9..field.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture, out var i))
            return Has("category") ? Texts.Inspections.ErrFindingCategory(i + 1) : Has("too long") ? Texts.Inspections.ErrTooLong : Texts.Inspections.ErrFindingItem(i + 1);
        return (e.Status, field) switch
        {
            (404, _) when m.StartsWith("no plan", StringComparison.Ordinal) => Texts.Inspections.PlanNotFound,
            (404, _) when m.StartsWith("no case", StringComparison.Ordinal) => Texts.Inspections.CaseNotFound,
            (409, _) when m.StartsWith("plan ", StringComparison.Ordinal) && Has("exists") => Texts.Inspections.ErrPlanExists,
            (409, _) when m.StartsWith("district ", StringComparison.Ordinal) && Has("has a plan for") => Texts.Inspections.ErrQuarterTaken,
            (409, _) when Has("commitment hash was used") => Texts.Inspections.ErrHashReused,
            (403, _) when Has("by its organiser") => Texts.Inspections.ErrNotOrganiser,
            (400, _) when m.StartsWith("plan id:", StringComparison.Ordinal) => Texts.Inspections.ErrPlanId,
            (400, _) when m.StartsWith("quarter ", StringComparison.Ordinal) && Has("ended on") => Texts.Inspections.ErrQuarterEnded,
            (400, _) when m.StartsWith("quarter ", StringComparison.Ordinal) => Texts.Inspections.ErrQuarter,
            (400, _) when m.StartsWith("too few eligible inspectors", StringComparison.Ordinal) => Texts.Inspections.ErrTooFewInspectors,
            (409, _) when m.StartsWith("plan ", StringComparison.Ordinal) && Has("not frozen") => Texts.Inspections.ErrNotFrozen,
            (409, _) when m.StartsWith("case ", StringComparison.Ordinal) && Has("exists") => Texts.Inspections.ErrCaseExists,
            (409, _) when m.StartsWith("case ", StringComparison.Ordinal) && Has("changed") => Texts.Inspections.ErrStale,
            (409, _) when m.StartsWith("task ", StringComparison.Ordinal) => Texts.Inspections.ErrTaskFinished,
            (409, _) when m.StartsWith("order ", StringComparison.Ordinal) => Texts.Inspections.ErrFollowedUp,
            (400, _) when m.StartsWith("commitment hash", StringComparison.Ordinal) => Texts.Inspections.ErrHash,
            (400, "case_number") => Texts.Inspections.ErrCaseNumber,
            (400, "uscc") => Texts.Inspections.ErrUscc,
            (400, "legal_basis") => Texts.Inspections.ErrLegalBasis,
            (400, "amount") => Texts.Inspections.ErrAmount,
            (400, "dates") => Texts.Inspections.ErrDates,
            (400, "decided_on") => Texts.Inspections.ErrDecidedOn,
            (400, "credit_item_code") => Texts.Inspections.ErrCreditItem,
            (400, "inspectors") => Texts.Inspections.ErrInspectors,
            (400, "items_checked") => Texts.Inspections.ErrItems,
            (400, _) when Has("before the issue day") => Texts.Inspections.ErrFollowUpDay,
            (400, _) when Has("too long") || Has("longer than") => Texts.Inspections.ErrTooLong,
            _ => Texts.Inspections.ErrInvalid,
        };
    }

    private static (EnforcementCaseInput? Input, string? Error) CaseInput(CaseForm f, bool withVersion)
    {
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(f.Amount))
        {
            if (!decimal.TryParse(f.Amount.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a)) return (null, Texts.Inspections.ErrAmount);
            amount = a;
        }
        if (!TryDay(f.FiledOn, out var filed)) return (null, Texts.Inspections.ErrDate);
        if (filed is not { } filedOn) return (null, Texts.Inspections.ErrFiledOn);
        if (!TryDay(f.NotifiedOn, out var notified) || !TryDay(f.DecidedOn, out var decided) || !TryDay(f.ExecutedOn, out var executed)) return (null, Texts.Inspections.ErrDate);
        return (new EnforcementCaseInput(f.CaseNumber.Trim(), f.Uscc.Trim().ToUpperInvariant(), f.LegalBasis.Trim(), f.PenaltyType, amount, filedOn, notified, decided, executed,
            f.Status, string.IsNullOrWhiteSpace(f.Facts) ? null : f.Facts.Trim(), string.IsNullOrWhiteSpace(f.CreditItemCode) ? null : f.CreditItemCode.Trim(),
            withVersion ? f.Version : null), null);
    }

    /// <summary>A day <c>yyyy-MM-dd</c>; empty text is a valid "no day" (null).</summary>
    private static bool TryDay(string text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        day = d;
        return true;
    }
}
