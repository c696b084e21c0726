using SmartEnv.Storage;

namespace SmartEnv.Web.Ui;

/// <summary>
/// A tab of the 一企一档 file (<c>/enterprises/{uscc}</c>) that a later module fills: hazardous waste (<c>hw</c>),
/// inspections (<c>inspections</c>), complaints (<c>complaints</c>), credit (<c>credit</c>), emergency plans
/// (<c>emergency</c>). A module registers its implementation in DI (<c>services.AddScoped&lt;IEnterpriseFileSlot, …&gt;()</c>);
/// a tab without one shows the empty state 「尚未接入」 (not connected), never invented data. Implementations read through
/// the scoped context they are given (the caller's <see cref="DataScope"/>), so an enterprise user sees only its own
/// records. Implementations must be safe to call once per page load from one circuit (not concurrently).
/// </summary>
public interface IEnterpriseFileSlot
{
    /// <summary>The tab it fills: one of <see cref="EnterpriseFileSlots.Keys"/>.</summary>
    string Key { get; }

    /// <summary>The tab's content for one enterprise.</summary>
    /// <param name="db">The caller's scoped context (query filters applied).</param>
    /// <param name="uscc">统一社会信用代码 of an enterprise the caller can see.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Rows to show (possibly none: the module has no record for it).</returns>
    Task<EnterpriseSlotView> LoadAsync(SmartEnvDbContext db, string uscc, CancellationToken ct);
}

/// <summary>What a slot shows: a titled table of text cells.</summary>
/// <param name="Headers">Column headers in the current language.</param>
/// <param name="Rows">Rows of cells (already formatted text).</param>
/// <param name="EmptyText">Shown when <paramref name="Rows"/> is empty (what is missing and why).</param>
/// <param name="Badge">A tag shown above the table (e.g. the current credit grade), or null.</param>
/// <param name="BadgeColour">The tag's AntDesign colour (green, blue, gold, red), or null.</param>
public sealed record EnterpriseSlotView(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string EmptyText,
    string? Badge = null, string? BadgeColour = null);

/// <summary>The slot tabs of the 一企一档 file, in tab order. Constants; thread-safe.</summary>
public static class EnterpriseFileSlots
{
    /// <summary>危险废物, 执法检查, 信访投诉, 环境信用, 应急预案 (issue 16 "a slot each later module fills").</summary>
    public static IReadOnlyList<string> Keys { get; } = ["hw", "inspections", "complaints", "credit", "emergency"];
}
