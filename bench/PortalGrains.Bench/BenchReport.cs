using System.Globalization;

namespace PortalGrains.Bench;

/// <summary>
/// What the benchmarks print: Markdown tables for bench/RESULTS.md, and one machine-readable line per benchmark,
/// <c>RESULT name key=value ...</c>, that the smoke test looks for.
/// </summary>
public sealed class BenchReport(TextWriter output)
{
    public TextWriter Output => output;

    public void Line(string text = "") => output.WriteLine(text);

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        output.WriteLine("| " + string.Join(" | ", header) + " |");
        output.WriteLine("|" + string.Concat(header.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
        foreach (var row in rows)
        {
            output.WriteLine("| " + string.Join(" | ", row) + " |");
        }

        output.WriteLine();
    }

    public void Result(string benchmark, params (string Key, object Value)[] values)
    {
        output.WriteLine("RESULT " + benchmark + " " + string.Join(" ", values.Select(v => v.Key + "=" + Format(v.Value))));
        output.Flush();
    }

    public static string Format(object value) => value switch
    {
        double d when double.IsNaN(d) => "NaN",
        double d => d.ToString(Math.Abs(d) >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Percent(double ratio) => double.IsNaN(ratio) ? "n/a" : (ratio * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
