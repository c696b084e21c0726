using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 规划 page (admin only): the plan's indicator board of a year and the project list with filters and a project's detail.
/// Binds the API's own results (<see cref="Contracts.PlanBoardDto"/>, <see cref="PlanApi.ProjectsDto"/>,
/// <see cref="PlanApi.ProjectDetailDto"/>) from <see cref="PlanService"/>, which decides every status and schedule
/// (docs/plan.md); the page keeps the selection in the URL (<c>?tab=&amp;year=&amp;category=&amp;lead_unit=&amp;stage=&amp;
/// schedule=&amp;reference_date=&amp;project=</c>).
/// </summary>
public partial class Plan
{
    [Inject] private PlanService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }

    [SupplyParameterFromQuery(Name = "tab")] private string? Tab { get; set; }
    [SupplyParameterFromQuery(Name = "year")] private int? Year { get; set; }
    [SupplyParameterFromQuery(Name = "category")] private string? Category { get; set; }
    [SupplyParameterFromQuery(Name = "lead_unit")] private string? LeadUnit { get; set; }
    [SupplyParameterFromQuery(Name = "stage")] private string? Stage { get; set; }
    [SupplyParameterFromQuery(Name = "schedule")] private string? Schedule { get; set; }
    [SupplyParameterFromQuery(Name = "reference_date")] private string? ReferenceDate { get; set; }
    [SupplyParameterFromQuery(Name = "project")] private int? Project { get; set; }

    /// <summary>An option of a filter select: the API id and its label.</summary>
    private sealed record Opt(string Key, string Label);

    private bool _loading = true;
    private bool _busy; // a year or filter change is loading (the year's #7/#9/#13 computation takes ~1–2 s)
    private int _year;
    private Contracts.PlanBoardDto? _board;
    private PlanApi.ProjectsDto? _projects;
    private PlanApi.ProjectDetailDto? _detail;
    private List<Opt> _categories = [], _leadUnits = [], _stages = [], _schedules = [];
    private string? _loadedBoardKey, _loadedProjectsKey;

    private string ActiveTab => Tab == "projects" ? "projects" : "indicators";

    /// <summary>Where the sign-in returns: this page with its query (not after a failed attempt).</summary>

    private DateOnly? RefDate => DateOnly.TryParseExact(ReferenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private PlanProjectQuery Query => new(Empty(Category), Empty(LeadUnit), PlanService.StageKeys.Contains(Stage ?? "") ? Stage : null,
        PlanService.ScheduleKeys.Contains(Schedule ?? "") ? Schedule : null, RefDate);

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _year = Year is { } y && y >= PlanService.FirstYear && y <= PlanService.LastYear ? y : Service.DefaultYear;
        var boardKey = _year.ToString(CultureInfo.InvariantCulture);
        _busy = true; // rendered while the awaits below run
        if (_loadedBoardKey != boardKey)
        {
            _board = await Service.BoardAsync(_year);
            _loadedBoardKey = boardKey;
        }
        var q = Query;
        var projectsKey = q.ToString();
        if (_loadedProjectsKey != projectsKey)
        {
            _projects = await Service.ProjectsAsync(q);
            _loadedProjectsKey = projectsKey;
            if (_categories.Count == 0 && await Service.ProjectsAsync(new PlanProjectQuery()) is { } all)
            {
                _categories = all.Projects.Select(p => p.Category).Distinct().Select(c => new Opt(c, c)).ToList();
                _leadUnits = all.Projects.Select(p => p.LeadUnit).Distinct().Order(StringComparer.Ordinal).Select(c => new Opt(c, c)).ToList();
            }
        }
        if (_stages.Count == 0)
        {
            _stages = PlanService.StageKeys.Select(k => new Opt(k, Texts.Plan.Stage(k))).ToList();
            _schedules = PlanService.ScheduleKeys.Select(k => new Opt(k, Texts.Plan.Schedule(k))).ToList();
        }
        _detail = Project is { } seq ? await Service.ProjectAsync(seq, q.ReferenceDate) : null;
        _loading = false;
        _busy = false;
    }

    private void Go(Dictionary<string, object?> changes)
    {
        var all = new Dictionary<string, object?>
        {
            ["tab"] = ActiveTab == "indicators" ? null : ActiveTab, ["year"] = Year, ["category"] = Empty(Category), ["lead_unit"] = Empty(LeadUnit),
            ["stage"] = Empty(Stage), ["schedule"] = Empty(Schedule), ["reference_date"] = Empty(ReferenceDate), ["project"] = Project,
        };
        foreach (var (k, v) in changes) all[k] = v is string s && s.Length == 0 ? null : v;
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(all), replace: true);
    }

    // AntDesign controls may raise ValueChanged while re-rendering with an unchanged value; only real changes navigate.
    private void OnFilterChanged(string key, string? current, string? value)
    {
        if (Empty(value) != Empty(current)) Go(new() { [key] = Empty(value) });
    }

    private void OnTabChanged(string key)
    {
        if (key != ActiveTab) Go(new() { ["tab"] = key == "indicators" ? null : key });
    }

    private void OnYearChanged(int year)
    {
        if (year != _year) Go(new() { ["year"] = year });
    }
    private void CloseDetail() => Go(new() { ["project"] = null });
    private void OpenDetail(int sequence) => Go(new() { ["project"] = sequence });

    private string StatusColour(string colour) => colour switch
    {
        "green" => "green",
        "blue" => "blue",
        "amber" => "orange",
        "red" => "red",
        _ => "default",
    };

    private string Kind(string raw) => raw switch
    {
        "约束性" => Texts.Plan.KindBinding,
        "预期性" => Texts.Plan.KindExpected,
        _ => raw,
    };

    private static string Unit(string unit) => unit is "" or "—" ? "" : unit;

    private static string Value(string? v, string unit) =>
        v is null ? "—" : Unit(unit) is { Length: > 0 } u ? v + " " + u : v;

    private string ProjectsExport(string ext)
    {
        var q = Query;
        var parts = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) parts.Add(k + "=" + Uri.EscapeDataString(v)); }
        Add("category", q.Category);
        Add("lead_unit", q.LeadUnit);
        Add("stage", q.Stage);
        Add("schedule", q.Schedule);
        Add("reference_date", q.ReferenceDate is { } d ? Display.Date(d) : null);
        return $"/ui/export/plan-projects.{ext}" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }
}
