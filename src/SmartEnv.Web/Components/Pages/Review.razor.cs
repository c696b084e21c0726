using SmartEnv.Accounts;
using Microsoft.AspNetCore.Components;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 审核 page (数据审核, staff only): a site's raw hour values of one natural day as stored — an excluded value struck through
/// with its reason — a form marking a station-hour range invalid (hours 1…24 of the day, one parameter or all, reason code,
/// text) and the review records with 恢复 on the marks in force. Binds <see cref="ReviewDayView"/> from
/// <see cref="ReviewService"/>, which also performs the actions through the one write path (<c>ReviewBook</c>).
/// </summary>
public partial class Review
{
    [Inject] private ReviewService Service { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }

    /// <summary>Site code from the address (<c>/review?site=1420A&amp;day=2019-01-08</c>), or null.</summary>
    [SupplyParameterFromQuery(Name = "site")] private string? SiteQuery { get; set; }

    /// <summary>Natural day <c>yyyy-MM-dd</c> from the address, or null (yesterday, Beijing).</summary>
    [SupplyParameterFromQuery(Name = "day")] private string? DayQuery { get; set; }

    private List<(string Code, string Name)> _sites = [];
    private string _site = "1420A";
    private DateOnly _day;
    private ReviewDayView? _view;
    private int _from = 1;
    private int _to = 1;
    private string _parameter = "";
    private ReviewReason _reason = ReviewReason.InstrumentFault;
    private string _text = "";
    private string? _error;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _day = DateOnly.TryParseExact(DayQuery, "yyyy-MM-dd", out var d) ? d : BeijingTime.Today(Time).AddDays(-1);
        if (SiteQuery is { Length: > 0 } q) _site = q;
        if (Access?.Allows(SmartEnvPolicies.Monitoring) != true) return;
        _sites = await Service.SitesAsync();
        if (_sites.Count > 0 && !_sites.Exists(s => s.Code == _site)) _site = _sites[0].Code;
        await LoadAsync();
    }

    private async Task PickAsync(string? site = null, string? day = null)
    {
        if (site is not null) _site = site;
        if (day is not null && DateOnly.TryParseExact(day, "yyyy-MM-dd", out var d)) _day = d;
        await LoadAsync();
    }

    private async Task LoadAsync() => _view = await Service.DayAsync(_site, _day) ?? new ReviewDayView([], [], []);

    private async Task MarkAsync()
    {
        if (Access?.Allows(SmartEnvPolicies.Monitoring) != true) return;
        _error = await Service.MarkAsync(_site, _day, _from, _to, _parameter, _reason, _text, ReviewService.Actor(Access));
        if (_error is null) _text = "";
        await LoadAsync();
    }

    private async Task RestoreAsync(long id)
    {
        if (Access?.Allows(SmartEnvPolicies.Monitoring) != true) return;
        _error = await Service.RestoreAsync(id, ReviewService.Actor(Access));
        await LoadAsync();
    }

    private static string ParameterName(string code) => ParameterUnits.For(code)?.Name ?? code;

    private static string Why(ReviewMark m) => Texts.Review.ExcludedBy(Texts.Review.Reason(m.Reason ?? ReviewReason.Other), m.Text ?? "");
}
