package dev.mapiagent.agent.host;

/**
 * What Windows says about its edition that decides how many users work on the PC at once. Read on the PC with
 * GetVersionEx ({@code OSVERSIONINFOEX.wSuiteMask}) and GetProductInfo, in a snapshot from {@code windows.json}.
 *
 * <p>Two documented signs of a multi-session host, each enough: the suite mask of a Remote Desktop Session Host
 * (Terminal Server in application server mode, also under Citrix Virtual Apps), where Microsoft documents that
 * {@code VER_SUITE_TERMINAL} is set without {@code VER_SUITE_SINGLEUSERTS}; and the product type
 * {@code PRODUCT_SERVERRDSH}, Windows 10/11 Enterprise multi-session (Azure Virtual Desktop), a client edition
 * whose suite mask is not documented for this.
 *
 * @param suiteMask   {@code OSVERSIONINFOEX.wSuiteMask}
 * @param productType GetProductInfo's {@code pdwReturnedProductType}; 0 ({@code PRODUCT_UNDEFINED}) when unknown
 */
public record WindowsEdition(int suiteMask, int productType) {

    public static final int VER_SUITE_TERMINAL = 0x0010;
    public static final int VER_SUITE_SINGLEUSERTS = 0x0100;
    public static final int PRODUCT_SERVERRDSH = 0xAF;

    /** Several users' sessions at once, each starting its own agent from the Run value. */
    public boolean multiSession() {
        boolean applicationServerMode = (suiteMask & VER_SUITE_TERMINAL) != 0 && (suiteMask & VER_SUITE_SINGLEUSERTS) == 0;
        return applicationServerMode || productType == PRODUCT_SERVERRDSH;
    }

    /** For the agent log: the figures and what they mean. */
    public String describe() {
        String kind = productType == PRODUCT_SERVERRDSH ? "Windows Enterprise multi-session"
                : multiSession() ? "Remote Desktop Session Host (application server mode)" : "single-session Windows";
        return String.format("%s (suite mask 0x%04X, product type 0x%X)", kind, suiteMask, productType);
    }
}
