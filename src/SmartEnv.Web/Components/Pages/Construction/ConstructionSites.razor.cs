using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Construction;

/// <summary>The construction-site list (<c>/construction</c>, policy <c>StaffRead</c>) bound from
/// <see cref="ConstructionUiService.ListAsync"/>.</summary>
public partial class ConstructionSites
{
    [Inject] private ConstructionUiService Service { get; set; } = null!;

    private IReadOnlyList<ConstructionApi.SiteView>? _rows;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _rows = await Service.ListAsync();

    /// <summary>The text of a card colour.</summary>
    /// <param name="colour">Stored colour or null.</param>
    internal static string CardText(string? colour) => colour switch
    {
        "green" => Texts.Construction.Green,
        "yellow" => Texts.Construction.Yellow,
        "red" => Texts.Construction.Red,
        _ => Texts.Construction.NotEvaluated,
    };
}
