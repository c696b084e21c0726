using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Waste;

/// <summary>
/// 危险废物 home (<c>/hw</c>, policy <c>EnterpriseOrStaff</c>): for bureau staff the overview — stock by storage
/// facility, the storage-age histogram, overdue manifests and declarations, discrepancies, the longest-stored containers,
/// the latest ledger entries, and a search by code / enterprise / manifest number (→ <c>/hw/containers?q=</c>); for an
/// enterprise user "我的危险废物" — its stock, manifests awaiting its action with their buttons, its containers (label
/// links) and its ledger. Binds <see cref="WasteHomeView"/> of <see cref="WasteService"/> read through the account's
/// scoped context.
/// </summary>
public partial class WasteHome
{
    [Inject] private WasteService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    private WasteHomeView? _view;
    private IReadOnlyList<WasteManifestRow> _toSign = [];
    private IReadOnlyList<WasteManifestRow> _overdue = [];
    private IReadOnlyList<WasteManifestRow> _discrepancies = [];
    private IReadOnlyList<SmartEnv.Waste.Generators.WasteFilingView> _overdueFilings = [];
    private string? _q;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _view = await Service.HomeAsync();
        if (_view.Staff)
        {
            _overdue = await Service.ManifestsAsync(null, overdueOnly: true);
            _discrepancies = (await Service.ManifestsAsync()).Where(r => r.View.Discrepancies.Count > 0).ToList();
            _overdueFilings = await Service.OverdueFilingsAsync();
        }
        else _toSign = await Service.ToSignAsync();
    }

    private void Search()
    {
        var q = _q?.Trim();
        Nav.NavigateTo(string.IsNullOrEmpty(q) ? "/hw/containers" : "/hw/containers?q=" + Uri.EscapeDataString(q));
    }

    private void OnKey(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") Search();
    }
}
