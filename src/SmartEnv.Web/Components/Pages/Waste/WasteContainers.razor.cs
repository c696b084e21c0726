using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Waste;

/// <summary>
/// Search of containers (<c>/hw/containers?q=</c>, policy <c>EnterpriseOrStaff</c>): by part of the identifier, waste code
/// or category, name, the generator's name or 统一社会信用代码, or a manifest number (<see cref="WasteService.ContainersAsync"/>),
/// through the account's scope; matching manifests below. The search lives in the address.
/// </summary>
public partial class WasteContainers
{
    [Inject] private WasteService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "q")] private string? Q { get; set; }

    private IReadOnlyList<WasteContainerRow>? _rows;
    private IReadOnlyList<WasteManifestRow> _manifests = [];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _rows = await Service.ContainersAsync(Q);
        _manifests = string.IsNullOrWhiteSpace(Q) ? [] : await Service.ManifestsAsync(Q);
    }

    private void Search(object? value)
    {
        var text = value?.ToString()?.Trim();
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("q", string.IsNullOrEmpty(text) ? null : text), replace: true);
    }
}
