using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;
using SmartEnv.Web.Ui.Map;
using Vizor.ECharts;

namespace SmartEnv.Web.Components.Pages.Maps;

/// <summary>
/// The 一张图 map body (docs/map.md): loads every layer the caller may see through <see cref="MapService.AllAsync"/> (the
/// API's read path), draws the shown ones with <see cref="OneMap.Build"/>, toggles a layer (redraw without reloading),
/// filters by street (reload), and opens the clicked feature's page (<see cref="MapFeature.Href"/>, local paths only).
/// </summary>
public partial class OneMapView
{
    /// <summary>True on the public map: public layers only.</summary>
    [Parameter] public bool PublicOnly { get; set; }

    [Inject] private MapService Map { get; set; } = null!;
    [Inject] private GeoData Geo { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    private IReadOnlyList<MapLayerData>? _layers;
    private OneMapModel? _model;
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private string? _street;
    private int _version;

    private static string Name(MapLayerInfo i) => SmartEnvUi.IsChinese ? i.NameZh : i.NameEn;

    /// <summary>Features of the shown layers not drawn, by layer.</summary>
    private IReadOnlyList<(MapLayerInfo Info, MapFeature Feature)> Unplaced =>
        [.. (_layers ?? []).Where(l => !_hidden.Contains(l.Info.Key)).SelectMany(l => l.Unplaced.Select(f => (l.Info, f)))];

    /// <summary>The drawn series as "layer:category=n;…" (for tests and readers of the page).</summary>
    private string SeriesText => string.Join(";", (_model?.SeriesByIndex ?? []).OfType<OneMapSeries>().Select(s => $"{s.Layer}:{s.Category}={s.Features.Count}"));

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _layers = await Map.AllAsync(PublicOnly, _street);
        Redraw();
    }

    private void Redraw()
    {
        _model = OneMap.Build(_layers ?? [], _hidden, Geo.Rings, SmartEnvUi.IsChinese);
        _version++;
    }

    private async Task StreetChangedAsync(ChangeEventArgs e)
    {
        _street = MapService.StreetCode(e.Value as string is { Length: > 0 } s ? s : null);
        await LoadAsync();
    }

    private void Toggle(string key)
    {
        if (!_hidden.Remove(key)) _hidden.Add(key);
        Redraw();
    }

    private Task ClickAsync(EventParams p)
    {
        if (_model?.FeatureAt(p.SeriesIndex, p.DataIndex) is { Href: { } href } && LocalUrls.IsLocal(href)) Nav.NavigateTo(href);
        return Task.CompletedTask;
    }
}
