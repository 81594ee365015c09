package dev.mapiagent.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.5, 192.168.10.0/24, 2001:db8::/32");

    @Test
    void aRequestFromAnUntrustedPeerIsFromThatPeerWhateverItsHeaderSays() {
        assertEquals("203.0.113.7", proxies.clientAddress("203.0.113.7", "198.51.100.1"));
    }

    @Test
    void aRequestFromATrustedProxyIsFromTheAddressItAppended() {
        assertEquals("198.51.100.1", proxies.clientAddress("10.0.0.5", "198.51.100.1"));
    }

    @Test
    void entriesLeftOfTheFirstUntrustedHopAreWhatTheClientSentAndIgnored() {
        assertEquals("198.51.100.1", proxies.clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.1"));
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedFromTheRight() {
        assertEquals("198.51.100.1", proxies.clientAddress("10.0.0.5", "198.51.100.1, 192.168.10.20"));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertEquals("192.168.10.9", proxies.clientAddress("10.0.0.5", "192.168.10.9, 192.168.10.20"));
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalkAtTheLastTrustedOne() {
        assertEquals("192.168.10.20", proxies.clientAddress("10.0.0.5", "198.51.100.1, unknown, 192.168.10.20"));
        assertEquals("10.0.0.5", proxies.clientAddress("10.0.0.5", "evil.example"));
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsTheClient() {
        assertEquals("10.0.0.5", proxies.clientAddress("10.0.0.5", null));
        assertEquals("10.0.0.5", proxies.clientAddress("10.0.0.5", " "));
    }

    @Test
    void rangesMatchByPrefixForIpv4AndIpv6() {
        assertTrue(proxies.isTrusted("192.168.10.255"));
        assertFalse(proxies.isTrusted("192.168.11.0"));
        assertTrue(proxies.isTrusted("2001:db8:ffff::1"));
        assertFalse(proxies.isTrusted("2001:db9::1"));
        assertTrue(TrustedProxies.parse("172.16.0.0/12").isTrusted("172.31.255.1"));
        assertFalse(TrustedProxies.parse("172.16.0.0/12").isTrusted("172.32.0.1"));
    }

    @Test
    void anIpv4MappedIpv6PeerIsItsIpv4Address() {
        assertEquals("198.51.100.1", proxies.clientAddress("::ffff:10.0.0.5", "198.51.100.1"));
    }

    @Test
    void noListTrustsNoOne() {
        assertEquals("10.0.0.5", TrustedProxies.parse("").clientAddress("10.0.0.5", "198.51.100.1"));
        assertEquals("10.0.0.5", TrustedProxies.parse(null).clientAddress("10.0.0.5", "198.51.100.1"));
    }

    @Test
    void anEntryThatIsNotAnAddressOrRangeIsRefusedByName() {
        assertEquals("--trusted-proxies: 'proxy.example' is not an IP address or CIDR range",
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.5, proxy.example")).getMessage());
        assertEquals("--trusted-proxies: '10.0.0.0/33' has no prefix length 0-32",
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("999.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("2001:db8::zz"));
    }
}
