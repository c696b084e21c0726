using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Web.Components.Pages.Complaints;

/// <summary>
/// The staff list of 信访投诉 cases (<c>/complaints</c>, policy <c>StaffRead</c>): the filters come from the query string
/// (state, overdue, channel, type, street, from, to as yyyy-MM-dd; a malformed date is an error line, not an empty list);
/// <see cref="ComplaintsUiService.ListAsync"/> orders urgent, then overdue, then newest. No reporter data.
/// </summary>
public partial class ComplaintList
{
    [Inject] private ComplaintsUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "state")] private string? State { get; set; }
    [SupplyParameterFromQuery(Name = "overdue")] private bool? Overdue { get; set; }
    [SupplyParameterFromQuery(Name = "channel")] private string? Channel { get; set; }
    [SupplyParameterFromQuery(Name = "type")] private string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "street")] private string? Street { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] private string? To { get; set; }

    private ComplaintListResult? _result;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        DateOnly? from = null, to = null;
        if (!string.IsNullOrEmpty(From))
        {
            if (!DateOnly.TryParseExact(From, "yyyy-MM-dd", out var f)) { _result = new([], Texts.Complaints.FilterPeriod); return; }
            from = f;
        }
        if (!string.IsNullOrEmpty(To))
        {
            if (!DateOnly.TryParseExact(To, "yyyy-MM-dd", out var t)) { _result = new([], Texts.Complaints.FilterPeriod); return; }
            to = t;
        }
        _result = await Service.ListAsync(new ComplaintListQuery(State, Overdue == true, Channel, Type, Street, from, to));
    }

    private void Go(string name, string? value) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter(name, string.IsNullOrWhiteSpace(value) ? null : value.Trim()), replace: true);
}
