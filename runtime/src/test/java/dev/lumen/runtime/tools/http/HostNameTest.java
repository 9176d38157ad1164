package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNameTest {

    @ParameterizedTest
    @CsvSource({
            "api.example.com, api.example.com, NAME",
            "API.Example.COM, api.example.com, NAME",
            "api.example.com., api.example.com, NAME",
            "Bücher.de, xn--bcher-kva.de, NAME",
            "xn--bcher-kva.de, xn--bcher-kva.de, NAME",
            "ｅｘａｍｐｌｅ．com, example.com, NAME",
            "localhost, localhost, NAME",
            "127.0.0.1, 127.0.0.1, IPV4",
            "127.0.0.1., 127.0.0.1, IPV4",
            "[::1], ::1, IPV6",
            "[0:0:0:0:0:0:0:1], ::1, IPV6",
            "[2001:DB8:0:0:1:0:0:1], 2001:db8::1:0:0:1, IPV6",
            "[fe80::], fe80::, IPV6",
            "[2001:db8:1:2:3:4:5:6], 2001:db8:1:2:3:4:5:6, IPV6"})
    void hostsAreNormalised(String written, String text, HostName.Kind kind) {
        assertEquals(new HostName(text, kind), HostName.parse(written));
    }

    @Test
    void anIpv6AddressStandsInBracketsInAUrl() {
        assertEquals("[::1]", HostName.parse("[::1]").inUrl());
        assertEquals("example.com", HostName.parse("example.com").inUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0x7f000001", "127.0.0.01", "127.0.1",
            "[::ffff:127.0.0.1]"})
    void numericAddressesInOtherFormsAreDisguised(String written) {
        HostName.DisguisedAddress disguised = assertThrows(HostName.DisguisedAddress.class, () -> HostName.parse(written));
        assertTrue(disguised.getMessage().contains("is the IPv4 address 127.0.0.1"), disguised.getMessage());
        assertTrue(disguised.getMessage().endsWith("write it as 127.0.0.1"), disguised.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "999.1.1.1", "example.123", "a.0x"})
    void aNameThatEndsInANumberIsNoName(String written) {
        assertEquals("host `" + written + "` ends in a number but is not an IPv4 address",
                assertThrows(HostName.DisguisedAddress.class, () -> HostName.parse(written)).getMessage());
    }

    @Test
    void malformedHostsSayWhy() {
        assertEquals("the host is empty", assertThrows(IllegalArgumentException.class, () -> HostName.parse("")).getMessage());
        assertEquals("`a_b.com` is not a valid host name (contains non-LDH ASCII characters)",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse("a_b.com")).getMessage());
        assertEquals("`a..com` is not a valid host name (empty label is not a legal name)",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse("a..com")).getMessage());
        assertEquals("`.` is not a valid host name (empty label)",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse(".")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostName.parse("example.com.."));
        assertEquals("`[fe80::1%eth0]` has a zone id (`%…`), which is not supported",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse("[fe80::1%eth0]")).getMessage());
        assertEquals("`[::g]` is not a valid IPv6 address",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse("[::g]")).getMessage());
        assertEquals("`[1:2:3]` is not a valid IPv6 address",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse("[1:2:3]")).getMessage());
        assertEquals("`a\u2028b.com` is not a valid host name (contains U+2028, which a host name cannot hold)",
                assertThrows(IllegalArgumentException.class, () -> HostName.parse("a\u2028b.com")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostName.parse("-evil.com"));
        assertThrows(IllegalArgumentException.class, () -> HostName.parse("evil.com/"));
    }
}
