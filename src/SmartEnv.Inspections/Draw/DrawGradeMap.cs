using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Inspections.Draw;

/// <summary>
/// The one mapping between the credit vocabulary (<c>CreditGrade</c>, stored as <see cref="StoredCreditGrade"/>: rows
/// <c>grade.trustworthy|good|warning|poor</c> of credit-rules.tsv) and the draw's own grade names (<see cref="DrawGrade"/>,
/// JSON tokens <c>honest|good|warning|bad</c> of the P1 canonical plan JSON, which is not changed: published plans must
/// stay verifiable). 环保诚信 → honest, 环保良好 → good, 环保警示 → warning, 环保不良 → bad, not evaluated → none.
/// Pure; thread-safe.
/// </summary>
public static class DrawGradeMap
{
    /// <summary>The draw grade of a stored credit grade.</summary>
    /// <param name="grade">The current credit grade, or null when the enterprise was never evaluated.</param>
    /// <returns>The draw grade (<see cref="DrawGrade.None"/> for null).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An undefined grade value.</exception>
    public static DrawGrade From(StoredCreditGrade? grade) => grade switch
    {
        null => DrawGrade.None,
        StoredCreditGrade.Trustworthy => DrawGrade.Honest,
        StoredCreditGrade.Good => DrawGrade.Good,
        StoredCreditGrade.Warning => DrawGrade.Warning,
        StoredCreditGrade.Poor => DrawGrade.Bad,
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}
