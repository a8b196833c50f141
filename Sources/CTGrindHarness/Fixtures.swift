// Test keys for the constant-time harness, PKCS #1 "RSA PRIVATE KEY" PEM. TEST KEYS ONLY: they are public in this
// repository and must never protect anything. The 2048- and 3072-bit keys come from
// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:N`; OpenSSL 3.0 gave a 2048-bit modulus for 2049 (equal
// halves) in 30 tries, so the 2049-bit key was assembled from `openssl prime -generate` primes of 1025 and 1024
// bits (d = e^-1 mod lambda(n)) and checked with `openssl rsa -check`.

/// The embedded test keys, by modulus size in bits.
enum Fixtures {
    /// A 2048-bit RSA test key (PKCS #1 PEM). Test key only.
    static let rsa2048 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEApllkRDxvo/PXbFhShoc8sYOM+lGbEis4cxNZhtWUcq/aCi2Q
        bAK0YVNMrOOTC/tvq9+DOFr2tyu4L9ufuvYMccedCihDqK5MSUSY0NgT04VzsJTk
        8yh/Rew//g3jwBmrkEBr/7VROqsgiy31gaGOYYzrFpI7uLLOme3W8G2/g4qB4xV+
        mKZruM/xt2mxN6fD9qz0wgaivEAlsKLsaFI7RBBWA/UCTJ4NE47MAZlg34NwKzW+
        zU5QM+u5+7/bqef9m38bOz7mz106P2I58QBKnSB6otvQsrWAereODeMKjEi8MAks
        gzwl8XsnchqgOQOQx12pb6FCejlAGUkTFZWmjQIDAQABAoIBACd0CR9T9Ch/A0dL
        lVsZxQ/XAv81jqFbBdrpKnEbw8cFpSGH1/p+E7kHkCZrHSuY2U36x3z8ugoMgPU8
        0h/+DkqIDNtlXFKr8CTqc5IIxX8D5kHptnljT/hOBYlkUvFzRSkD1nmBz/+pqaDI
        6DL0FbhWO0WRrj9qjSyd574DUYpJVAXmy9C0MRzKUnV4EZRkGaVHodUIIzirm0XG
        TppxLpEw049VweUrxvU9ZR1xBuHQ8IdVXgAVcWiYfJCYt5/0e0jcPiePGsb6f9Sm
        uZ/fzsXf+8UM7gE8X3HvSib4eCL9C/L3ERBB+mxXxdMGXoUorsgA8d614uWWFQpX
        fw8fWtECgYEA0zg2Dn1vlcHh0g15wWDmfL4cOlEZLsnpuEgap5HcQ2zxSI5k8lwe
        cB9W61Su2G2EIYiqHOuawBVU4wnnPH/chQHeLkBtu5PnRE6gzJdFFTno2QWq1Q10
        LrwPOPrUmbeUBg/k+ueFjRvUx3xun9AN/109zIwO0WGvOhwLFUjZDnkCgYEAyZ3f
        bzE1q2HFg1W8AabZbCgdldegS6PDNC1nbg7MtwiIY9U/Z8QzKFz8W5fS96tOqWeC
        wf+vkbMw0GvXpXgo6lPSCemTuOvoFXYcitiy6/hOkk4AMKJ9f1QRlPLdLW/MzLjZ
        oDTh+cu9ckknl06L4bGsm8fl+85NKCHx2kfLA7UCgYBJE3+QT9GVTHjmhYcEYpQb
        wGJfwsMlrvHPshKWux4rrbtk0O8X8ssNG6qkzK2Zb3pxZ6kDTHhD0J2H11tLUSlo
        UxcdhWjxpuAyf8mePw/Foj1vKEjMYVU6/hF+Mznu3Na3qjQcopFQGrrpMaHMZN0S
        5p2E8UgHJPbM8frbqFKAcQKBgDWcsHRt3nqjNhVVb/f0eS5kgHF+9BYJBvhR9oXy
        k4c8UqBRbVnXd08NYuGsPqIzQGiVqNSTfAk/YAScGKzchezBu0F9hhWPTZifXrmh
        I/rRfXs0GKLWIo8AOOilqCDT8N6jbONIDKsS/V5ti4SVk2bBi0elYUeTNTstw5Uq
        sBZdAoGBAJBGwqZpFo3+VgEVAWDdOdEOgEtCXdKLyur4ZuaieW7p3194HejSkiD1
        cWTRMLGbJBbGdbVBIFWrJeOYhpVhgAT9swnc8oKh3hfv4YvaPlxwpYpO9AmrPCIX
        yAXzdtrCBceA9TNQy/dMZnlujqdqAdBPxohvT92QCp4xFbEAmy5u
        -----END RSA PRIVATE KEY-----
        """

    /// A 2049-bit RSA test key (PKCS #1 PEM). Test key only.
    static let rsa2049 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEB4rEK9qGWpHZgQt7dp4Q+B23ShTXACeOLWUmtw+zYNPpGUC8O
        ML6jj4UCIPahP3Ud5IoTdIJnpDiWpOBYwK7w4Wp+E/pEgGhj1Ft+Xm+g/R6i7Rkq
        K9JTAfJ4LSrPEfOu3vDIuYfLmv+IlHKuGNw3A2b902Q/aMDssbKJw4Z0hGxiqzJ2
        ysUEJWWCG6RG4qeZOViMwxsDU59ACmQoppVT7IaPY6YibtFkuS1PdX6/eUTcKOIz
        Fykc1pRMHHzZzF3vSEbBwmWA9HfgjbX8fw/alGkwHsyXrIAQyvjSJ+uc1abaOzB6
        XVHcfM8mmfL9PUTcV7n+DcTGcPTPK90QKsY01QIDAQABAoIBAAChNX/z3wPw6Zg8
        vTJKQGB3Gra0xr7cjqJ7r5/ZT8Dl8LCLFywmG4WE6WdMmxI/n13cdkEJKIR01HF7
        n3IE6GiK4IY7Jdq7CCJPSj9qSt35q8G+bikneZc/jzuT2jhORpSg4MopLLFTkwSK
        j8KVivbUrBEaCOEkm0pyDq70HnPLxW9t2ZRQSBlbYO5jm0oe9xaToOQJREttcMEb
        BPhDl0uzPAA0dt8NthHbbooTbfHHRaOAPx/ahIdegTiS0YFBxqvJx/nMTZhD2MSS
        tzeP4qxZIep7anj/waYn/efrhtqpj6FUxE4ULcI1ZJOIcHpqCJr6iKsqvEeRME4I
        +BwgK0MCgYEB6Tx0Bxep+qqkrKza3tKrcgKy6i4kBFtfUlsjxr2FfPvr53idiN+B
        ju02oc6NHYiUwcCk5/czlWhunbAAsmqdFQDgRf4Bg3xtks+8gZGK+8U57sNhFjId
        i3vV45Wz2zhZf68pczwFOHYM/dOurVUh6tJw9Q2V5rW5gU9SBlj7JkMCgYEA/JNR
        H91wocQtQeruTG8JACoFi6H3gKI2Zs9eGTO70xLyYby6hgtSdcd3vJmQQwCB8Ssz
        74DX8JB6vqhACTb+csnJ/0XNGzTYzTvHNTsPZNi/rkzz4AxpkAzX5FsHB2kojEX5
        JYildHUWo8G6jDpwu5bVUcGX1FiFC1H94R1PIwcCgYAnhwHc3NWX8heR9/lLDXxa
        nsszznyMeZFvBvwR/5f8bCI4Nm+L8nr2QEYstpKCM1nJebYZI8jgJmrhhKnZwHFm
        lAaKwSYAKJp1xSD22vp+swWmO9TpRS1L6rpyQ9MfQCNDBLT1oYDOegM8stCnIny2
        C0CjG/DjjgUp5G29I41PHwKBgQDBQm+WdDfUb2k5wOsprOQ0LfMkToA0+umpbQ5R
        NlaHQT4ZLvGB03P7Du89bjsGKYND54zLu8h/F+3zqIWnB19WsbRQETbJlHw3PYBF
        6LT0syynz9XjH1w+jrU607PjJcGS44+p+o6vN1BlaLy2w5iy0MzUy87C+iCC8u/R
        qj19TQKBgFTqD6BN6HoJdG/UOrgqop9QA2cAv6srGxGLzKjH1wTrJ/v0NH6+Pe6V
        Yi+LfMijh2MeKdhLFDShNKNHQ4cmI1VamCPrP8Cm5x4KIHTX5cEr4qwPQ8UP4dZe
        afTo/lEpl6ZswMvrFOuGlaoFP1wYeRgLByrXHDQKWik8CgcmS2VT
        -----END RSA PRIVATE KEY-----
        """

    /// A 3072-bit RSA test key (PKCS #1 PEM). Test key only.
    static let rsa3072 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIG5AIBAAKCAYEAtJDDviuZ0btkSkK2Akam510agn55PynYDEa6YP1Ne1a9qeLV
        yZmvrKYNuX5mGGDIazcy9I/h9uFmymT4bo7A35iU+8Z9lQHil5J2oeEe/B2XSRHi
        diB1HZsVzPxerWJ7ljjqk+YlQhaa5eMLhoZaxDuFJlnnYuf1RGp60uLlcgLiCqp5
        v7qOqw6CSONQkiwjUzmQc+VBTFVEPffB7T7z6A27dcizek3Dl1KLWiVZQ46ibffp
        4EwU1+jfCSuOCRXbO6EqPV4QEUkcc0N8gJQbj2pxL5p/p/D24x/i4wB3JcXRbNFz
        1KOtbK9B+4w9MbSjDVCuHsOnNLAWJPnl9KpV/9FLw6xHdjPoCp77cMinBuw4AfRM
        zPX0xP94KL4ZYH56c3cKJntab/j+CwzI/Ag+SMjk6X4tlJoK8o+UrCVAmzrrXkpf
        grE66RI6odiZ769FmY532I5pn8xNI5AQFxGFMyW77AW0H4nYLFDHoLXPBUqEEjvL
        /uYNkSMmbTqHdnmFAgMBAAECggGABkoEh1soFbtb2DpP8e8EC+BHoW6bn9eVRC2H
        0FkCRImA5v8/nbCnWHFwM5seHeXrv9BBthhM2+HTSA68Qx2LGj6g8c64EQ3qa90Y
        xLVSnvVo5OKlQKK2HDyKmy6EcwWQcxWzFfOuLd8bsLt3wKJtXD22et98GmB56n11
        nw1yxcXT7wsrsmyNC5LgdtQeuk357QF+8TUgUR2nLYFeVSUcLw5LY+QvBtOD5ywO
        LoBJMPvcLHhgwlnkCqEnI5VLcoWQTib69JriKZJDv0o9oOqdYhT2ZOSa6go9fVIR
        vbrLOG4yn3kNLHLVNqTgjUOkA92CFNYwp7HTOC3Lkx+TkEYvsopFkXvypU5UIIMy
        y0xRYzwt+Bo//GpSCjsrSXZq9UWEV68n6aNJG7HIAdL0iMpaSOhGKXp2M6NNA70s
        0zvnxehMgzJDoqzT0S+z6lMNEnU2WvonJz+Pfvi7/VnasOf8hlvaq1DAPPwsZcpZ
        qAwwCXDM8f7hZSufvxPU3kHZ+AsBAoHBAPW5Pq3rDAAgMbQaXLZwenGbKeFnE+sw
        RZwrvi8vCz7HhDBPYbsbeKNhNmriXpt/qEDVKaQrewoltZFyG0Z/COazRDxJn3ss
        nPRJES83MagEav27lhrSjJvrGdrN7XQlKJlU9kvQlYkMRphmpfAJuxsQGWUIfAUU
        pcLJy7Xdst2SwZOkhjsPlHuzLRn6qCd+HryJkrau3HzGGtn7CFVaStcWHuBSU7UC
        IlhN4D2BruJfOHF/Vo/gYewk3stxTy9f3wKBwQC8He1AcHZolqz3AzB7dSp1eMuV
        V1SP6bebVvCwBQ2iWSyZtBd21vkbUDqTyDsNqYvhr4mATC6iDYuJ5/BhHPL/edSQ
        yRJOqFQwbhFNoWGuus5UpUO0kjv8iGKR7xPiIJ2Hy/3u8aOFZ4Qzz+QfQlq8/Hz3
        OxzW1EZ9lUXs7TKfJOa1QJi50pEeBfUUPpw6xuRzF8vainVgTomHuwHDztfahe2W
        Ye5tUzgAHUidKj80xOWhzWybBR57Uix7WaSgQxsCgcEAlHXztMiKW5kX7qTu1xtm
        HzWMPC83DaYAqLaVFZTqymdpKncLqSyT2sJlSnayimi6k1E284WBtUPLS7ERYapn
        ClvNIk+pF5aAzedHhqtmSQlCS0MHEfWcFqgY2uYITWAWA24d0PiZIFBWZsW+BCUc
        8uDrNuvFYpxy+hlKBvuHke+VHUsN/qkPIR3EZinXZuUAVREZn15OwORAXOsawdbn
        2MP4q7eR847yiT+j+AVeUE8PnyM8fXkoMLCmG2y+VvUpAoHBAK3BnsEkn9pfQogu
        Q/vk70DuQG1C6vK62EL9fPe40y0f3RhjxkCYtCNMaa7TBejKsE/XidQdif1ZMYhB
        2kB5MuJTL8pET0qkJI9PO2BPLiDsn2SD+hOx9wJ9Hz7Ya680nQ0vmO+59mZkhTIu
        VfGhopppRSw/R5YPIMUiuiHrvhRNS2QjtG3/Vtc6fXMjmb6Ys66zTjIgLea05Eeg
        rjKkvbA0gI2lC0uj0FgatFWnDha5v7lCO4y8n7kc38VXub3l/QKBwFddk0XMTERo
        LUQumBepP8O0d91bCAfui7lzzKeNMo//3/aFv5WiUW0Hlg1HZoKkZLpwsLTwRVmL
        7xpGDar3LxIxvw2c7jNysDFWRhvvWl+qEhPAl2pV52ZixGcti+piTOy0QliwpuJR
        Ez9/8wlAcnr0SJhi8TvlQFe5+CO5TrOc+uLilUoGh052kVha0N2QRnv3qHwPew79
        ifizucSbi7pxjB2lO56nuZSI0LkBWzVBm5+ge+CXsLw/Qh+oYGwHPA==
        -----END RSA PRIVATE KEY-----
        """

    /// The PEM of the test key with a `bits`-bit modulus, or `nil` when there is none.
    static func pem(bits: Int) -> String? {
        switch bits {
        case 2048: return rsa2048
        case 2049: return rsa2049
        case 3072: return rsa3072
        default: return nil
        }
    }
}
