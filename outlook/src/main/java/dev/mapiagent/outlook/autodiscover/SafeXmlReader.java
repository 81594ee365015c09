package dev.mapiagent.outlook.autodiscover;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads untrusted XML into an {@link XmlElement} tree with everything that could reach outside the
 * document switched off: no DTD (a DOCTYPE is rejected as soon as the reader meets it, before any
 * entity is declared or resolved), no external entities, no external DTD or schema access, and a
 * resolver that refuses everything should anything still ask. The JDK's own StAX implementation is
 * used, not whatever a classpath might provide. The encoding comes from the BOM or the XML
 * declaration (UTF-8, UTF-16 ...).
 */
final class SafeXmlReader {

    /** Real Autodiscover responses nest about eight deep; anything far deeper is hostile. */
    static final int MAX_DEPTH = 64;

    private SafeXmlReader() {
    }

    static XmlElement read(byte[] bytes) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
            return buildTree(reader);
        } catch (XMLStreamException e) {
            throw new AutodiscoverParseException(describe(e), e);
        } finally {
            close(reader);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed in an Autodiscover response");
        });
        return factory;
    }

    private static XmlElement buildTree(XMLStreamReader reader) throws XMLStreamException {
        Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD ->
                        throw new HostileXmlException("DOCTYPE is not allowed in an Autodiscover response");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new AutodiscoverParseException("elements nested deeper than " + MAX_DEPTH
                                + " levels at " + position(reader.getLocation()) + "; not an Autodiscover response");
                    }
                    XmlElement element = new XmlElement(reader.getLocalName(), attributes(reader));
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!open.isEmpty()) {
                        open.peek().appendText(reader.getText());
                    }
                }
                default -> {
                    // comments, processing instructions and whitespace carry nothing Autodiscover uses
                }
            }
        }
        if (root == null) {
            throw new AutodiscoverParseException("no XML element found");
        }
        return root;
    }

    private static Map<String, String> attributes(XMLStreamReader reader) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.putIfAbsent(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        return attributes;
    }

    /** The JDK's message is "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the reason and the place. */
    private static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int reason = message.indexOf("Message:");
        String text = reason >= 0 ? message.substring(reason + "Message:".length()) : message;
        Location location = e.getLocation();
        String where = location == null ? "" : " at " + position(location);
        return "not well-formed XML" + where + ": " + text.strip();
    }

    private static String position(Location location) {
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was held open beyond the byte array
            }
        }
    }
}
