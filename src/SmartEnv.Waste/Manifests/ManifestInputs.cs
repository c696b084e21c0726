using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Manifests;

namespace SmartEnv.Waste.Manifests;

/// <summary>One waste kind of a manifest as the 移出人 gives it. Immutable; thread-safe.</summary>
/// <param name="WasteCode">危险废物代码 <c>xxx-xxx-xx</c>; must be in the list in force (HW01 only for a medical manifest).</param>
/// <param name="Name">废物名称 (1–128 characters).</param>
/// <param name="Hazard">危险特性 as in the list, or null: the list entry's.</param>
/// <param name="Form">形态, or null.</param>
/// <param name="Packaging">包装方式, or null.</param>
/// <param name="PackageCount">Number of containers/packages (≥ 0).</param>
/// <param name="QuantityT">Quantity in tonnes (&gt; 0).</param>
public sealed record ManifestLineInput(string WasteCode, string Name, string? Hazard, string? Form, string? Packaging, int PackageCount, decimal QuantityT);

/// <summary>A new manifest (drafted by the 移出人). Lines come from <paramref name="ContainerIdentifiers"/> (grouped by code
/// and name, quantities summed, one package per container) and/or <paramref name="Lines"/>. Immutable; thread-safe.</summary>
/// <param name="Kind"><c>hazardous</c> (default) or <c>medical</c>.</param>
/// <param name="CarrierUscc">承运人 (an enterprise with the Carrier role).</param>
/// <param name="ReceiverUscc">接受人 (an enterprise with the Receiver or MedicalDisposal role).</param>
/// <param name="FromFacilityCode">The generator's facility the waste leaves (<c>TS001</c>).</param>
/// <param name="ToFacilityCode">The receiver's facility, or null: its first facility.</param>
/// <param name="ContainerIdentifiers">Containers of the generator not on another manifest, or null.</param>
/// <param name="Lines">Lines given directly, or null.</param>
public sealed record ManifestDraftInput(string? Kind, string CarrierUscc, string ReceiverUscc, string FromFacilityCode, string? ToFacilityCode,
    IReadOnlyList<string>? ContainerIdentifiers, IReadOnlyList<ManifestLineInput>? Lines);

/// <summary>What the receiver found on one line. Immutable; thread-safe.</summary>
/// <param name="LineNo">Line number of the current version.</param>
/// <param name="ReceivedT">Quantity received, t (≥ 0).</param>
/// <param name="Method">利用/处置方式, or null.</param>
public sealed record ManifestReceiptLine(int LineNo, decimal ReceivedT, string? Method);

/// <summary>The fields of one action (what each trigger reads is listed on <see cref="ManifestService.FireAsync"/>).
/// Immutable; thread-safe.</summary>
/// <param name="Vehicle">Vehicle plate (pick_up).</param>
/// <param name="TransportLicence">Carrier's transport licence (pick_up; default its party row's).</param>
/// <param name="At">When it happened (pick_up, arrive, back_fill: the arrival on paper); default now; never in the future.</param>
/// <param name="Received">Per line (accept, accept_partially; reject: optional).</param>
/// <param name="Declared">Discrepancies the receiver declares (name, characteristics, form, packaging; quantity is computed).</param>
/// <param name="Note">Receiver's note (required with any discrepancy, a partial acceptance or a refusal).</param>
/// <param name="Reason">Why (correct after signing: required).</param>
/// <param name="PaperTransferredOn">Day of the transfer on paper (record_paper).</param>
/// <param name="Lines">New lines (correct; back_fill optional).</param>
public sealed record ManifestActionInput(string? Vehicle = null, string? TransportLicence = null, DateTimeOffset? At = null,
    IReadOnlyList<ManifestReceiptLine>? Received = null, ManifestDiscrepancy Declared = ManifestDiscrepancy.None, string? Note = null,
    string? Reason = null, DateOnly? PaperTransferredOn = null, IReadOnlyList<ManifestLineInput>? Lines = null);

/// <summary>A refused manifest request: field → messages; <see cref="Status"/> 400 (bad input), 403 (this party may not fire
/// this trigger now), 404 (no such manifest in scope), 409 (clash with stored rows).</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status the API answers.</param>
    /// <param name="errors">Field → messages.</param>
    public ManifestException(int status, IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))) => (Status, Errors) = (status, errors);

    /// <summary>Creates the exception with one field.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="field">Field name.</param>
    /// <param name="message">Message.</param>
    public ManifestException(int status, string field, string message) : this(status, new Dictionary<string, string[]> { [field] = [message] }) { }

    /// <summary>HTTP status: 400, 403, 404 or 409.</summary>
    public int Status { get; }

    /// <summary>Field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>A manifest as the API and the CLI show it (current version). Immutable; thread-safe.</summary>
/// <param name="Number">14 digits.</param>
/// <param name="Kind"><c>hazardous|medical</c>.</param>
/// <param name="State">snake_case state.</param>
/// <param name="Version">Current version.</param>
/// <param name="GeneratorUscc">移出人.</param>
/// <param name="GeneratorName">移出人 name.</param>
/// <param name="CarrierUscc">承运人.</param>
/// <param name="CarrierName">承运人 name.</param>
/// <param name="ReceiverUscc">接受人.</param>
/// <param name="ReceiverName">接受人 name.</param>
/// <param name="ReceiverLicence">接受人's licence, or null.</param>
/// <param name="FromFacility">Generator facility code.</param>
/// <param name="ToFacility">Receiver facility code.</param>
/// <param name="Vehicle">Vehicle, or null.</param>
/// <param name="TransportLicence">Transport licence, or null.</param>
/// <param name="Paper">Paper first.</param>
/// <param name="PaperTransferredOn">Paper transfer day, or null.</param>
/// <param name="BackfillDue">Back-fill due day, or null.</param>
/// <param name="BackfillDueProvisional">True when <paramref name="BackfillDue"/> was counted into a year without a loaded
/// holiday notice (Saturday/Sunday the only rest days there) and will be counted again once the notice is loaded (暂定).</param>
/// <param name="SubmittedAt">Submitted, or null.</param>
/// <param name="PickedUpAt">Picked up, or null.</param>
/// <param name="ArrivedAt">Arrived, or null.</param>
/// <param name="ReceiptDue">Receipt due day, or null.</param>
/// <param name="ReceiptDueProvisional">True when <paramref name="ReceiptDue"/> is provisional (as <paramref name="BackfillDueProvisional"/>).</param>
/// <param name="ReceiptOverdue">True when arrived, unconfirmed and today is after the due day.</param>
/// <param name="ConfirmedAt">Confirmed, or null.</param>
/// <param name="Discrepancies">snake_case names of the discrepancy flags (empty when none).</param>
/// <param name="DiscrepancyNote">Receiver's note, or null.</param>
/// <param name="Lines">Lines of the current version.</param>
/// <param name="CreatedBy">Drafted by.</param>
/// <param name="CreatedAt">Drafted at.</param>
public sealed record ManifestView(string Number, string Kind, string State, int Version, string GeneratorUscc, string GeneratorName,
    string CarrierUscc, string CarrierName, string ReceiverUscc, string ReceiverName, string? ReceiverLicence, string FromFacility, string ToFacility,
    string? Vehicle, string? TransportLicence, bool Paper, DateOnly? PaperTransferredOn, DateOnly? BackfillDue, bool BackfillDueProvisional, DateTimeOffset? SubmittedAt,
    DateTimeOffset? PickedUpAt, DateTimeOffset? ArrivedAt, DateOnly? ReceiptDue, bool ReceiptDueProvisional, bool ReceiptOverdue, DateTimeOffset? ConfirmedAt,
    IReadOnlyList<string> Discrepancies, string? DiscrepancyNote, IReadOnlyList<ManifestLineView> Lines, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A manifest line as shown. Immutable; thread-safe.</summary>
/// <param name="LineNo">Line number.</param>
/// <param name="WasteCode">Code.</param>
/// <param name="Category">HWnn.</param>
/// <param name="Name">Name.</param>
/// <param name="Hazard">Hazard text.</param>
/// <param name="Form">Form, or null.</param>
/// <param name="Packaging">Packaging, or null.</param>
/// <param name="PackageCount">Packages.</param>
/// <param name="QuantityT">Quantity, t.</param>
/// <param name="ReceivedT">Received, t, or null.</param>
/// <param name="Method">Method, or null.</param>
public sealed record ManifestLineView(int LineNo, string WasteCode, string Category, string Name, string Hazard, string? Form, string? Packaging,
    int PackageCount, decimal QuantityT, decimal? ReceivedT, string? Method)
{
    /// <summary>The view of a stored line.</summary>
    /// <param name="l">Stored line.</param>
    public static ManifestLineView Of(WasteManifestLine l) =>
        new(l.LineNo, l.WasteCode, l.Category, l.Name, l.Hazard, l.Form, l.Packaging, l.PackageCount, l.QuantityT, l.ReceivedT, l.Method);
}

/// <summary>One stored version (the current one or a superseded snapshot). Immutable; thread-safe.</summary>
/// <param name="Version">Version number.</param>
/// <param name="Current">True for the current version.</param>
/// <param name="Reason">Why the next version was made (null for the current one).</param>
/// <param name="By">Who corrected (null for the current one).</param>
/// <param name="At">When (null for the current one).</param>
/// <param name="Snapshot">The manifest as it was (JSON of <see cref="ManifestView"/>) or, for the current one, the view.</param>
public sealed record ManifestVersionView(int Version, bool Current, string? Reason, string? By, DateTimeOffset? At, object Snapshot);

/// <summary>One transition as shown. Immutable; thread-safe.</summary>
/// <param name="Trigger">snake_case trigger (<c>draft</c> for the creation).</param>
/// <param name="FromState">State before, or null.</param>
/// <param name="ToState">State after.</param>
/// <param name="PartyRole"><c>generator|carrier|receiver</c>.</param>
/// <param name="Version">Version after.</param>
/// <param name="By">Who.</param>
/// <param name="At">When.</param>
/// <param name="Note">Note, or null.</param>
public sealed record ManifestEventView(string Trigger, string? FromState, string ToState, string PartyRole, int Version, string By, DateTimeOffset At, string? Note);
