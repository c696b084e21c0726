using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Contracts;

/// <summary>
/// Body of <c>POST /api/review/marks</c> (数据审核): either <see cref="ObservationId"/> (one stored value, from
/// <c>GET /api/sites/{code}/observations</c>) or <see cref="Site"/> + <see cref="From"/> + <see cref="To"/> (a station-hour
/// range: hour starts, both inclusive, ISO 8601 instants; minutes are truncated to the hour) with an optional
/// <see cref="Parameter"/> (factor code, e.g. <c>a34004</c>; absent = every parameter of the site).
/// </summary>
/// <param name="ObservationId">One observation, or null.</param>
/// <param name="Site">Site code of a range.</param>
/// <param name="Parameter">Factor code of a range, or null for all.</param>
/// <param name="From">First hour start of a range.</param>
/// <param name="To">Last hour start of a range (inclusive).</param>
/// <param name="Reason">Reason code: <c>instrument_fault</c> 仪器故障, <c>calibration_maintenance</c> 校准/维护,
/// <c>shutdown</c> 停运, <c>external_interference</c> 外部干扰, <c>other</c> 其他 (needs <paramref name="Text"/>).</param>
/// <param name="Text">Explanation (≤ 512 characters; required for <c>other</c>).</param>
public sealed record ReviewMarkRequestDto(long? ObservationId, string? Site, string? Parameter, DateTimeOffset? From, DateTimeOffset? To,
    ReviewReason? Reason, string? Text);

/// <summary>Body of <c>POST /api/review/marks/{id}/restore</c>.</summary>
/// <param name="Text">Optional note (≤ 512 characters).</param>
public sealed record ReviewRestoreRequestDto(string? Text);

/// <summary>One review record (a mark or a restore) as the API, the CLI and the 审核 page show it.</summary>
/// <param name="Id">Record id (order of the records: the latest covering record decides).</param>
/// <param name="Action"><c>mark</c> or <c>restore</c>.</param>
/// <param name="Site">Site code.</param>
/// <param name="ObservationId">The one observation covered, or null for a range.</param>
/// <param name="Parameter">Factor code covered, or null for every parameter.</param>
/// <param name="From">First covered hour start (UTC).</param>
/// <param name="To">Last covered hour start (UTC, inclusive).</param>
/// <param name="FromLocal">The same as <paramref name="From"/> in Beijing time.</param>
/// <param name="ToLocal">The same as <paramref name="To"/> in Beijing time.</param>
/// <param name="Reason">Reason code of a mark; null for a restore.</param>
/// <param name="ReasonName">Reason in Chinese and English; null for a restore.</param>
/// <param name="Text">Text or note.</param>
/// <param name="RestoresId">For a restore: the mark it restores.</param>
/// <param name="By">Who wrote it.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Active">For a mark: its values are still excluded (no later restore covers them); false for a restore.</param>
public sealed record ReviewMarkDto(long Id, ReviewAction Action, string Site, long? ObservationId, string? Parameter, DateTimeOffset From, DateTimeOffset To,
    DateTimeOffset FromLocal, DateTimeOffset ToLocal, ReviewReason? Reason, ReviewReasonName? ReasonName, string? Text, long? RestoresId, string By, DateTimeOffset At, bool Active);

/// <summary>The review note carried by an excluded value in the raw view (<c>GET /api/sites/{code}/observations</c>).</summary>
/// <param name="MarkId">The mark in force.</param>
/// <param name="Reason">Its reason code.</param>
/// <param name="ReasonName">Reason in Chinese and English.</param>
/// <param name="Text">Its text.</param>
/// <param name="By">Who marked it.</param>
/// <param name="At">When.</param>
public sealed record ReviewNoteDto(long MarkId, ReviewReason? Reason, ReviewReasonName? ReasonName, string? Text, string By, DateTimeOffset At)
{
    /// <summary>The note of a mark.</summary>
    /// <param name="m">The mark.</param>
    public static ReviewNoteDto From(ReviewMark m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.Reason, ReviewReasons.Name(m.Reason), m.Text, m.Actor, m.CreatedAt);
    }
}

/// <summary>A review reason's name: <c>{"zh":"仪器故障","en":"Instrument fault"}</c>.</summary>
/// <param name="Zh">Chinese name.</param>
/// <param name="En">English name.</param>
public sealed record ReviewReasonName(string Zh, string En);

/// <summary>Names of the review reason codes (zh, en). Pure; thread-safe.</summary>
public static class ReviewReasons
{
    /// <summary>The reason's name, or null.</summary>
    /// <param name="r">Reason.</param>
    public static ReviewReasonName? Name(ReviewReason? r) => r switch
    {
        ReviewReason.InstrumentFault => new("仪器故障", "Instrument fault"),
        ReviewReason.CalibrationMaintenance => new("校准/维护", "Calibration / maintenance"),
        ReviewReason.Shutdown => new("停运", "Shut down"),
        ReviewReason.ExternalInterference => new("外部干扰", "External interference"),
        ReviewReason.Other => new("其他", "Other"),
        _ => null,
    };
}
