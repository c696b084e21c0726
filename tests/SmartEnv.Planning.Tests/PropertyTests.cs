using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartEnv.Planning.Notation;

namespace SmartEnv.Planning.Tests;

public class PropertyTests
{
    [Property]
    public bool Number_with_comparator_parses_exactly(int cents, byte cmpIndex)
    {
        var value = Math.Abs((long)cents) / 100m;
        var cmp = (Comparator)(cmpIndex % 4);
        var raw = PlanValueParser.Sign(cmp) + value.ToString(CultureInfo.InvariantCulture);
        var v = PlanValue.Parse(raw);
        return v.Raw == raw && v.Number == value && v.Comparator == cmp && v.Kind == PlanValueKind.Number;
    }

    [Property]
    public bool Cumulative_brackets_parse_exactly(int cents, bool fiveYear)
    {
        var value = Math.Abs((long)cents) / 100m;
        var raw = (fiveYear ? "【" : "[") + value.ToString(CultureInfo.InvariantCulture) + (fiveYear ? "】" : "]");
        var v = PlanValue.Parse(raw);
        return v.Number == value && v.Kind == (fiveYear ? PlanValueKind.Cumulative5Year : PlanValueKind.Cumulative4Year);
    }

    [Property]
    public Property Month_with_or_without_leading_zero_is_the_same_month()
    {
        var gen = from y in Gen.Choose(2000, 2099) from m in Gen.Choose(1, 12) select (y, m);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var a = PlanDate.Parse($"{t.y}.{t.m}");
            var b = PlanDate.Parse($"{t.y}.{t.m:00}");
            return a.Latest == b.Latest && a.Month == t.m && a.Latest!.Value.AddDays(1).Month == (t.m % 12) + 1;
        });
    }

    [Property]
    public bool Investment_amount_and_note_are_exact(int cents, int basis, byte pct)
    {
        var amount = Math.Abs((long)cents) / 100m;
        var b = Math.Abs((long)basis);
        var raw = $"{amount.ToString(CultureInfo.InvariantCulture)}（{b}*{pct}%）";
        var i = Investment.Parse(raw);
        return i.Amount == amount && i.Note == $"{b}*{pct}%" && i.NoteValue == b * pct / 100m;
    }
}
