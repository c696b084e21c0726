using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Storage;
using SmartEnv.Waste.Labels;

namespace SmartEnv.Web.Components.Pages.Waste;

/// <summary>
/// The container page a scanned label opens (<c>/hw/c/{identifier}</c>, issue 17 P3, anyone): the short public view of
/// <see cref="LabelService.PublicViewAsync"/> (name, category, code, hazard, generator, generation date); for a signed-in
/// user whose scope sees the container (its generator's users, staff) also its ledger entries and the label PDF link
/// (<see cref="LabelService.LedgerAsync"/> through the request's scoped context). Rendered statically on the server
/// (<c>[ExcludeFromInteractiveRouting]</c>, <c>PlainLayout</c>): a scanning phone gets the whole view in one response. An
/// unknown identifier shows 「未找到」.
/// </summary>
public partial class Container
{
    [Inject] private SmartEnvDbContext Db { get; set; } = null!;
    [Inject] private SmartEnvWebOptions Options { get; set; } = null!;

    /// <summary>The container's 数字识别码 from the route.</summary>
    [Parameter] public string Identifier { get; set; } = "";

    private ContainerPublicView? _view;
    private ContainerLedger? _ledger;
    private string? _loadedFor;

    private string LabelHref => $"api/enterprises/{Uri.EscapeDataString(_ledger!.Uscc)}/hw/containers/{Uri.EscapeDataString(Identifier)}/label.pdf";

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Identifier) return;
        var service = new LabelService(Db, Options.Labels);
        _view = await service.PublicViewAsync(Identifier);
        _ledger = _view is null ? null : await service.LedgerAsync(Identifier);
        _loadedFor = Identifier;
    }

    /// <summary>Tonnes to the kilogram (GB/T 8170 half-even, display only).</summary>
    private static string Tonnes(decimal t) => Math.Round(t, 3, MidpointRounding.ToEven).ToString("0.000", CultureInfo.InvariantCulture);

    private static string AsGiven(ContainerLedgerRow r) => r.QuantityAsGiven.ToString("0.######", CultureInfo.InvariantCulture) + " " + r.UnitAsGiven;
}
