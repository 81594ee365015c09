package dev.mapiagent.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** The ADMX template and its ADML resources, read into plain records for the template tests. */
record PolicyTemplate(List<Policy> policies, List<String> categories, List<String> referencedStringIds,
                      List<String> referencedPresentationIds, Map<String, String> strings,
                      Map<String, List<PresentationControl>> presentations) {

    static final String NAMESPACE = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";
    private static final Pattern STRING_REF = Pattern.compile("\\$\\(string\\.([^)]+)\\)");
    private static final Pattern PRESENTATION_REF = Pattern.compile("\\$\\(presentation\\.([^)]+)\\)");

    /** One {@code <policy>}; {@code enabledValue}/{@code disabledValue} are empty when absent. */
    record Policy(String name, String policyClass, String key, String valueName, String displayName,
                  String explainText, String presentation, String parentCategory, List<PolicyElement> elements,
                  Optional<String> enabledValue, Optional<String> disabledValue) {
    }

    /** One child of {@code <elements>}: {@code tag} is text, decimal, boolean, enum, list... */
    record PolicyElement(String tag, String id, String valueName, Map<String, String> attributes) {
    }

    /** One control of an ADML presentation: textBox, decimalTextBox... */
    record PresentationControl(String tag, String refId, Optional<String> defaultValue) {
    }

    static PolicyTemplate read(Path admx, Path adml) throws IOException {
        Document admxDocument = parse(admx);
        Document admlDocument = parse(adml);
        List<String> stringRefs = new ArrayList<>();
        List<String> presentationRefs = new ArrayList<>();
        collectReferences(admxDocument.getDocumentElement(), stringRefs, presentationRefs);

        List<Policy> policies = new ArrayList<>();
        for (Element policy : descendants(admxDocument.getDocumentElement(), "policy")) {
            policies.add(policy(policy));
        }
        List<String> categories = descendants(admxDocument.getDocumentElement(), "category").stream()
                .map(category -> category.getAttribute("name")).toList();

        Map<String, String> strings = new LinkedHashMap<>();
        for (Element string : descendants(admlDocument.getDocumentElement(), "string")) {
            strings.put(string.getAttribute("id"), string.getTextContent());
        }
        Map<String, List<PresentationControl>> presentations = new LinkedHashMap<>();
        for (Element presentation : descendants(admlDocument.getDocumentElement(), "presentation")) {
            List<PresentationControl> controls = new ArrayList<>();
            for (Element control : childElements(presentation)) {
                controls.add(new PresentationControl(control.getLocalName(), control.getAttribute("refId"),
                        defaultValue(control)));
            }
            presentations.put(presentation.getAttribute("id"), controls);
        }
        return new PolicyTemplate(policies, categories, stringRefs, presentationRefs, strings, presentations);
    }

    /** The id inside {@code $(string.X)} or {@code $(presentation.X)}; the text itself when it is no reference. */
    static String referencedId(String reference) {
        Matcher string = STRING_REF.matcher(reference);
        if (string.matches()) {
            return string.group(1);
        }
        Matcher presentation = PRESENTATION_REF.matcher(reference);
        return presentation.matches() ? presentation.group(1) : reference;
    }

    private static Policy policy(Element policy) {
        List<PolicyElement> elements = new ArrayList<>();
        for (Element container : childElements(policy)) {
            if (container.getLocalName().equals("elements")) {
                for (Element element : childElements(container)) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < element.getAttributes().getLength(); i++) {
                        Node attribute = element.getAttributes().item(i);
                        attributes.put(attribute.getNodeName(), attribute.getNodeValue());
                    }
                    elements.add(new PolicyElement(element.getLocalName(), element.getAttribute("id"),
                            element.getAttribute("valueName"), attributes));
                }
            }
        }
        String parent = descendants(policy, "parentCategory").stream().findFirst()
                .map(element -> element.getAttribute("ref")).orElse("");
        return new Policy(policy.getAttribute("name"), policy.getAttribute("class"), policy.getAttribute("key"),
                policy.getAttribute("valueName"), policy.getAttribute("displayName"),
                policy.getAttribute("explainText"), policy.getAttribute("presentation"), parent, elements,
                decimalValue(policy, "enabledValue"), decimalValue(policy, "disabledValue"));
    }

    private static Optional<String> decimalValue(Element policy, String container) {
        return descendants(policy, container).stream()
                .flatMap(element -> descendants(element, "decimal").stream())
                .map(decimal -> decimal.getAttribute("value"))
                .findFirst();
    }

    private static Optional<String> defaultValue(Element control) {
        if (control.hasAttribute("defaultValue")) {
            return Optional.of(control.getAttribute("defaultValue"));
        }
        return descendants(control, "defaultValue").stream().map(Element::getTextContent).findFirst();
    }

    private static void collectReferences(Element element, List<String> stringRefs, List<String> presentationRefs) {
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            String value = element.getAttributes().item(i).getNodeValue();
            Matcher string = STRING_REF.matcher(value);
            while (string.find()) {
                stringRefs.add(string.group(1));
            }
            Matcher presentation = PRESENTATION_REF.matcher(value);
            while (presentation.find()) {
                presentationRefs.add(presentation.group(1));
            }
        }
        for (Element child : childElements(element)) {
            collectReferences(child, stringRefs, presentationRefs);
        }
    }

    private static List<Element> descendants(Element root, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<Element> childElements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** Namespace-aware, with DTDs and external entities refused (XXE off). */
    static Document parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
