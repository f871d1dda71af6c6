using System.Globalization;
using System.Text;

namespace AudioPortal.Core.Billing;

/// <summary>
/// A minimal PDF 1.4 writer for one A4 page of text lines in Helvetica (a standard font every reader has, so nothing
/// is embedded). Enough for an invoice; no PDF library here is both served by the package source and free of a
/// copyleft licence, and an invoice needs only positioned text.
/// </summary>
public sealed class OnePagePdf
{
    private const double PageWidth = 595, PageHeight = 842;
    private readonly StringBuilder _content = new();

    /// <summary>Writes <paramref name="text"/> with its baseline at (<paramref name="x"/>, <paramref name="y"/>) points from the top-left, right-aligned at x when asked.</summary>
    public OnePagePdf Text(double x, double y, string text, double size = 10, bool bold = false, bool alignRight = false)
    {
        var left = alignRight ? x - ApproximateWidth(text, size) : x;
        _content.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {size:0.##} Tf {left:0.##} {PageHeight - y:0.##} Td ({Escape(text)}) Tj ET\n");
        return this;
    }

    /// <summary>A horizontal rule across the text column at <paramref name="y"/> points from the top.</summary>
    public OnePagePdf Rule(double y) =>
        Append(FormattableString.Invariant($"0.5 w 50 {PageHeight - y:0.##} m {PageWidth - 50:0.##} {PageHeight - y:0.##} l S\n"));

    public byte[] ToBytes()
    {
        var content = Encoding.Latin1.GetBytes(_content.ToString());
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            FormattableString.Invariant($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        ];

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        offsets.Add(pdf.Position);
        Write($"6 0 obj\n<< /Length {content.Length} >>\nstream\n");
        pdf.Write(content);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private OnePagePdf Append(string operators)
    {
        _content.Append(operators);
        return this;
    }

    /// <summary>Helvetica averages about half an em per character: close enough to right-align figures.</summary>
    private static double ApproximateWidth(string text, double size) => text.Length * size * 0.5;

    /// <summary>Latin-1 text with PDF's string escapes; characters outside Latin-1 become '?'.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' or '(' or ')' => "\\" + c,
                < ' ' => " ",
                > '\u00ff' => "?",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
