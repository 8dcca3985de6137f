package io.github.convnet4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small builder for one self-contained HTML page: inline CSS, images as {@code data:} URIs, no
 * scripts and no external resources, every text escaped.
 */
final class HtmlPage {
    private final StringBuilder b = new StringBuilder();

    HtmlPage(String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222}h1{font-size:1.6em}")
                .append("h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:right}")
                .append("th{background:#f4f4f4}td.l,th.l{text-align:left}pre{background:#f8f8f8;padding:.8em;overflow:auto}")
                .append("figure{display:inline-block;margin:.4em;text-align:center;font-size:.85em}img{image-rendering:pixelated}")
                .append("\n</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    /** A section heading with an id (the report's tests look for them). */
    HtmlPage section(String id, String heading) {
        b.append("<h2 id=\"").append(escape(id)).append("\">").append(escape(heading)).append("</h2>\n");
        return this;
    }

    HtmlPage paragraph(String text) {
        b.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage preformatted(String text) {
        b.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** A table cell: text and a background colour (0xRRGGBB), or -1 for none. */
    record Cell(String text, int background) {
        static Cell of(Object text) { return new Cell(String.valueOf(text), -1); }
    }

    /** A table; the first column is left-aligned (names), the others right-aligned (numbers). */
    HtmlPage table(List<String> header, List<List<Cell>> rows) {
        b.append("<table><tr>");
        for (int i = 0; i < header.size(); i++) b.append(i == 0 ? "<th class=\"l\">" : "<th>").append(escape(header.get(i))).append("</th>");
        b.append("</tr>\n");
        for (List<Cell> row : rows) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Cell c = row.get(i);
                b.append(i == 0 ? "<td class=\"l\"" : "<td");
                if (c.background() >= 0) b.append(String.format(" style=\"background:#%06x\"", c.background() & 0xFFFFFF));
                b.append('>').append(escape(c.text())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        return this;
    }

    /** An image with a caption, inlined as a PNG data URI. */
    HtmlPage figure(BufferedImage image, String alt, String caption) {
        b.append("<figure><img alt=\"").append(escape(alt)).append("\" width=\"").append(image.getWidth()).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png(image))).append("\">");
        if (caption != null) b.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        b.append("</figure>\n");
        return this;
    }

    String html() { return b + "</body></html>\n"; }

    static String escape(String s) {
        StringBuilder o = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
