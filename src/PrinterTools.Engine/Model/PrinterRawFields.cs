using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PrinterTools;

/// <summary>
/// The vendor's own fields of a status (<see cref="PrinterStatus.Raw"/>): a read-only dictionary for
/// scripts ($status.Raw.MachineStatus), which reads as "key=value; ..." where it becomes text, in
/// Export-Csv, ConvertTo-Csv and "$($status.Raw)".
/// </summary>
public sealed class PrinterRawFields : ReadOnlyDictionary<string, object?>
{
    public static readonly PrinterRawFields Empty = new(new Dictionary<string, object?>());

    public PrinterRawFields(IDictionary<string, object?> fields)
        : base(new Dictionary<string, object?>(fields, StringComparer.OrdinalIgnoreCase))
    {
    }

    /// <summary>"key=value; key=value", keys in order, numbers in the invariant culture, lists as [a, b], nested fields as {key=value, ...}.</summary>
    public override string ToString() =>
        string.Join("; ", Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).Select(k => k + "=" + Text(this[k])));

    /// <summary>A number among a status's Raw fields, however the vendor's parser kept it (a firmware may send "40" for 40); null when absent.</summary>
    internal static double? Number(PrinterStatus status, string key) => status.Raw.Contains(key) ? status.Raw[key] switch
    {
        long l => l,
        int i => i,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    } : null;

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}={Text(d[k])}")) + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };
}
