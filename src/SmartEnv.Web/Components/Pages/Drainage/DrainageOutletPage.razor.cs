using Microsoft.AspNetCore.Components;
using SmartEnv.Drainage;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities.Drainage;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Drainage;

/// <summary>One 入河排水口 (<c>/drainage/{code}</c>, policy <c>StaffRead</c>): <see cref="DrainageUiService.GetAsync"/>; a
/// sample's class is the stored GB 3838 class, or 不适用 GB 3838 when the outlet had no target class.</summary>
public partial class DrainageOutletPage
{
    /// <summary>Outlet code from the route.</summary>
    [Parameter] public string OutletCode { get; set; } = "";

    [Inject] private DrainageUiService Ui { get; set; } = null!;

    private (DrainageOutlet Outlet, List<DrainageStatusChange> History, List<DrainageSampleView> Samples)? _d;
    private bool _loaded;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _d = await Ui.GetAsync(OutletCode);
        _loaded = true;
    }

    private static string ClassText(DrainageSample s)
    {
        if (!s.Gb3838Applies) return Texts.Drainage.NotApplicable;
        if (s.Gb3838Class is null || !WaterClassText.TryParse(s.Gb3838Class, out var c) || c is not { } wc) return Texts.Drainage.NotClassed;
        return Texts.Common.ClassN(wc.ToDisplay()) + " · " + (s.MeetsTarget == true ? Texts.Drainage.Meets : Texts.Drainage.Fails);
    }
}
