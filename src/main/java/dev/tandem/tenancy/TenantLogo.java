package dev.tandem.tenancy;

import dev.tandem.core.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A tenant's logo as served to browsers: a small SVG or PNG from the tenant's folder, checked when
 * the tenant files are loaded. An SVG must be a self-contained drawing (no script, no event
 * handlers, no foreign content, no external references — neither through {@code href}, nor through
 * an animation that sets one, nor through CSS {@code url()} or {@code @import}); Tandem also serves
 * it with a sandboxing Content-Security-Policy, so even a logo that slipped through could not run
 * script.
 */
public record TenantLogo(Type type, byte[] content, String sha256) {
  /** Logos are small pictures for the page header. */
  public static final int MAX_BYTES = 64 * 1024;

  /** A plain file name in the tenant's folder: no directories, one extension. */
  public static final Pattern FILE_NAME =
      Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,60}\\.(svg|png)$");

  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** The logo formats Tandem serves, by file extension. */
  public enum Type {
    SVG("svg", "image/svg+xml"),
    PNG("png", "image/png");

    private final String extension;
    private final String mediaType;

    Type(String extension, String mediaType) {
      this.extension = extension;
      this.mediaType = mediaType;
    }

    public String extension() {
      return extension;
    }

    public String mediaType() {
      return mediaType;
    }

    public static Optional<Type> byExtension(String extension) {
      return Arrays.stream(values()).filter(t -> t.extension.equals(extension)).findFirst();
    }

    public static Optional<Type> byMediaType(String mediaType) {
      return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
    }
  }

  public TenantLogo {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /**
   * Checks a logo file's bytes; the type comes from the file name's extension.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static TenantLogo of(String fileName, byte[] content) {
    var name = FILE_NAME.matcher(fileName);
    if (!name.matches()) {
      throw new IllegalArgumentException(
          "must be a file name in the tenant's folder matching " + FILE_NAME.pattern());
    }
    Type type = Type.byExtension(name.group(1).toLowerCase(Locale.ROOT)).orElseThrow();
    if (content.length == 0 || content.length > MAX_BYTES) {
      throw new IllegalArgumentException("must be a file of 1 to " + MAX_BYTES + " bytes");
    }
    switch (type) {
      case PNG -> {
        if (content.length < PNG_SIGNATURE.length
            || !Arrays.equals(Arrays.copyOf(content, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
          throw new IllegalArgumentException("is not a PNG file");
        }
      }
      case SVG -> checkSvg(content);
    }
    return new TenantLogo(type, content, Sha256.hex(content));
  }

  /** A logo read back from the registry, checked again (it is served to browsers). */
  public static Optional<TenantLogo> stored(String mediaType, byte[] content) {
    if (mediaType == null || content == null) {
      return Optional.empty();
    }
    try {
      Type type = Type.byMediaType(mediaType).orElseThrow(IllegalArgumentException::new);
      return Optional.of(of("logo." + type.extension(), content));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void checkSvg(byte[] content) {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // No DTDs at all: no entity expansion, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(QUIET); // the default handler prints to stderr
      doc = builder.parse(new ByteArrayInputStream(content));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("is not a well-formed SVG file without a DTD");
    }
    Element root = doc.getDocumentElement();
    if (!"svg".equals(root.getLocalName()) || !SVG_NS.equals(root.getNamespaceURI())) {
      throw new IllegalArgumentException("must have an <svg> root element in the SVG namespace");
    }
    checkElement(root);
  }

  /**
   * Whether an animation ({@code <animate>}, {@code <set>} …) targets a link ({@code href}, {@code
   * xlink:href}: it could set {@code javascript:} or an outside address after the static check) or
   * an event handler.
   */
  private static boolean isAnimatedReference(String attributeName) {
    String target = attributeName.strip().toLowerCase(Locale.ROOT);
    String local = target.substring(target.indexOf(':') + 1);
    return local.equals("href") || local.startsWith("on");
  }

  /** {@code url(…)} anywhere in an attribute or a style sheet, with what it points to. */
  private static final Pattern CSS_URL =
      Pattern.compile("url\\s*\\(\\s*['\"]?\\s*(.?)", Pattern.CASE_INSENSITIVE);

  /** {@code image-set()} and {@code image()} take addresses as plain strings, without url(). */
  private static final Pattern CSS_IMAGE_SET =
      Pattern.compile("\\bimage(-set)?\\s*\\(", Pattern.CASE_INSENSITIVE);

  /**
   * CSS in attributes (presentation attributes such as {@code fill}, and {@code style}) and in
   * {@code <style>} may point only into the drawing itself ({@code url(#gradient)}): no {@code
   * url()} to another file or address, no {@code @import}, and no CSS escapes (a backslash), which
   * could spell either in a way this check would not see.
   */
  private static void checkCss(String where, String css) {
    if (css == null) {
      return;
    }
    var url = CSS_URL.matcher(css);
    while (url.find()) {
      if (!url.group(1).equals("#")) {
        throw new IllegalArgumentException(
            "must not refer to other files or addresses (url() in " + where + ")");
      }
    }
    if (CSS_IMAGE_SET.matcher(css).find()) {
      throw new IllegalArgumentException(
          "must not refer to other files or addresses (image-set() in " + where + ")");
    }
    String lower = css.toLowerCase(Locale.ROOT);
    boolean styleSheet = where.equals("<style>") || where.equals("style");
    if (lower.contains("@import") || (styleSheet && css.contains("\\"))) {
      throw new IllegalArgumentException(
          "must not import style sheets or use CSS escapes (" + where + ")");
    }
  }

  private static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private static void checkElement(Element element) {
    String name = element.getLocalName() == null ? "" : element.getLocalName();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("script")
        || lower.equals("foreignobject")
        || XHTML_NS.equals(element.getNamespaceURI())) {
      throw new IllegalArgumentException("must not contain <" + name + ">");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attr = (Attr) attributes.item(i);
      String attrName = attr.getLocalName() == null ? attr.getName() : attr.getLocalName();
      if (attrName.toLowerCase(Locale.ROOT).startsWith("on")) {
        throw new IllegalArgumentException("must not have event handlers (" + attrName + ")");
      }
      if (attrName.equals("href") && !attr.getValue().strip().startsWith("#")) {
        throw new IllegalArgumentException("must not refer to other files or addresses (href)");
      }
      if (attrName.equals("attributeName") && isAnimatedReference(attr.getValue())) {
        throw new IllegalArgumentException(
            "must not animate references or event handlers (<" + name + " attributeName)");
      }
      checkCss(attrName, attr.getValue());
    }
    if (lower.equals("style")) {
      checkCss("<style>", element.getTextContent());
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
        checkElement((Element) children.item(i));
      }
    }
  }
}
