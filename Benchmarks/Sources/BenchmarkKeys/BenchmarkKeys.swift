/// Fixed RSA private keys (PKCS #8 PEM) for the benchmarks, generated once with
/// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:<bits>`. Both our library and swift-crypto load the same
/// PEM, so every comparison runs on the same key. These keys are public test material: never use them for anything
/// else.
public enum BenchmarkKeys {
    /// An RSA-2048 private key, e = 65537.
    public static let rsa2048PEM = """
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDDnSzYJSzOvRgb
    0AWkVGbYGYjjfWS6TVyGMmriiQD6uJgqxHT7bLMDcxbItboWLUb/EFpni9sKVvei
    efm9yNYcqn2dakxhB3OyvQ+CkU/Z9EoQXEoYQQ/7Tf7nSJJgkPaFMg+zjkyQmEFB
    +WIC+zmiiykZIvaqiqoCY+ES7XEcyCNXiAM8xnkFMli5k1SPd20TijCtP4KcDos2
    7V4P43L4sR2dZ/a4wmTJoHuLjAnRw2Gf54k2VaX4GCSC/zNe2GqQuGnIrXFczPwL
    ECTibHwhO4mA5pVMkCuDFxpEmubwOzHsG730LljWJeTHhd4N/uJRw3NfYN4vUKXK
    BuE0nyfTAgMBAAECggEAEAYZjNEqxPqvdWPKeoYhcJVS5dO5QxugNyv9HnZ7mo4x
    hNtX+9qRJXixhpqAVl26IZ280hueQ1ARdAFK6HWBuJJsvM7e19ns69jZ4ue1Y1TE
    FmgA99ColvzyIw8KUpe9YfbSW3KOKhAW1Gkx0q2ysHJ22OTI0PqP56c34j2KFQHZ
    U68ruATsOlCc8sb1dDVnC/7BiBITCnH/RioIS3z8BBlAiE7lVzT5RrYbNsr/nFAO
    vhWLkRbwzNg5fqEDD7f8Kz6LjbW9ygV6avIbmz8ricGioZVc8oGRfbSM6kEyoawn
    lMMRytECdGDoGVqptgxY7iZdICcJHKcebkPI02tBWQKBgQDqWMuJ/LM+G4Z0d9tw
    YChiJMB0hbCjxDbZQFJX0Mm/bCaTGoW44jI8OcS33J2Aq/za7stjSx7K+/zRhH8Z
    Ly6Q5szewWa097JhFmdawc6FzgfzeXAxDwy7PRV3fxHiSOfxzzBKBn/27PFalhVG
    HgKpHBJCrsXqYqdjWt0y1752qwKBgQDVsDK9DNSJIS9fPjfF5X+TDl2C5HWdm7ur
    X//6CboXckDun874MD6kCPAO42ZNemKxmiK4tmDZCjhxo5yDiVV/9MzRwf+7bb8B
    E/a0jn7JPebRUNO19KxICaJtA/NEXiNWk6xo8T5CwPcZGCdquLDntxjGIrum69xB
    V896wd8zeQKBgDckb7hnYtHhbjDnpxX5OmdlmHeSoa7XU8SpEvcg5OgLDcSdgAuy
    BfoP6c8NtW36ikQF3ovduEAxLRsr3zBQ3tcvx9M+lOlOQ4X+3JEJe4wWn95Vm+Wf
    UfKY+/0jRFUHrLREeWthviifNmeHWzglhaC/Pzi7oUx2rEZ/sf7trx6DAoGAScfA
    fQ3FBGP020m8MBQBbGD1YJBJG9X9gjpvQ4HAQwAr8zgyWfcuaay8Viel1vJ+yRuT
    CXvPDKE+w93d2Hy+jKOVZIc7KRfHbzPZZpYcqJc67uKddqG4KldJQaKvh9eJFAeA
    6+r/uESwDHYOhgam7hqF70Nmz0d4kQckmBoAWuECgYEAprO3Rr4u4vbdccmqv+OF
    p1DyXs8cWnqokqkLYtmbQOoHgSGJoaVre/FQihquIyGLTMLVd0mTCHwBjJX8jVeD
    4bYaFDVvG9K53aNse/9UxfYY0lWG0fGwbmLZhUMwqti2I8Lbm9gQFETY1ib0jcC8
    Z6Crhi3ZDRLoGS8IzJqyG4g=
    -----END PRIVATE KEY-----
    """

    /// An RSA-4096 private key, e = 65537.
    public static let rsa4096PEM = """
    -----BEGIN PRIVATE KEY-----
    MIIJQgIBADANBgkqhkiG9w0BAQEFAASCCSwwggkoAgEAAoICAQDAAI1zxdfFbSS4
    rOwtvR1LKfB0wbRimPPfDO0jj8nAi1ZlQyoSU0j8pBW13Pv9ZazzNWiAxGDRRXYQ
    CYRxIxv22lsvxRXnQwgc/R3V+RwsbjV+6uJYiptCls+1ZU1MO5ueB9UCMLBGhdLD
    5jRaqOuDldfb3LrtfDj8BlapyKPQhb96cPUExs8jeaTpyZseaurGJHVl4xL8VjMw
    kreJrJMSNdEcGzv9loia4gQNdRiuZOZBXc71Jr8Fc2Q/vG2hreZ2oOesAMhDqNlJ
    lN3TPuT7nititJVtVNubooZ0JhHs4CWBYnUPgnt3EtPOjZjtxJC+10jf0AuNjFA4
    u+vCE+eRZqw+n+xQz0Hu0h38k9ncmWHz11boCPQaHKKKapbq1dbIERBuFrSPn0K8
    H8fWO3iOFJMtKI+jbU92NxuUz00kkZKdSnK/T5aLPtrkKqSLia8bnqiktQKqU1mC
    aMr+8qC5eOFfpRev7arxfESfJ4MdEcbTJrzBfm3mTYq3vLhQwr4gFnnAmENq5iyi
    I2cMj+wZx/Bpp1vd8dCLX/NztstR44zEOfgmGoOsk8dLW3/u2twMyvpNaMLCODK4
    vSNgQ+/m2vI+UkqGOMIFOyLxIw078pBexZGWzSmyS6a4xowyvmyvXRwb29WrT82c
    6n5HTPL2CGocno+6HOgXMZ6ka3sjBQIDAQABAoICAAdGzhWV6SpIi2R7Wz0Vhntv
    hLcsEy3MbaulpgQbwjHrpfPTApBsux6mClOY4yz0kkQqYUJGDwRHXWTYs34FLl1h
    46RRFBYuZmuQ1TVjikONzrW3aaog4Kb6p7cQdog91xU7Z0F8vmWB013Mxu2rqrdT
    MbnZqPTwqQk2JUksezbfJsVZbBPJBBcsWElq9FfIBgtJ3PAmVbUeADUmTlHnqjA9
    vWXTC2g+MQGrsKsg5bVQSiCukTYdyI4IlENNHRuMR2h2Cymr4usbhlahT3He15dI
    pIzKWsJovaTtmSpkOfgv+4PmixiyIYM/Aat5ltLmCPVOm+qtjA6Kg4zO5G23yuYZ
    OK/5NKtsMrKS7NPknRoe/3QDLCbTVdMDS4CTGsx+7C6UtXQDic1DS4BrTC3bUCk3
    vUGBRlEIlEwijCztjB5iMyjE8Nx3Y1x0oGXTwktnTqAXP5rZu34XPKu9G/hcxVV0
    7V3xuqE3gyF5CrKrX4GIuv2kMAsvrpeqssNp1QGRF2MJOIiymA/5P2pmZPkuVUCm
    RMQgA5ARVK4RnC2MNQmpyIGQMjovLhfVUz1fEZcgEy9l45DHH1SoHpYST9e7d7DH
    +N16OjRxhpg5esXKELiWtwjHmDnH02CD2wEAvsY0wbmPxK6rxzA9rDSwq8+uc/SZ
    i534GTy1r2autqPK8zLhAoIBAQDq0Vq8Buy99faf1XwBDKVlJWzBFRaZvJSufFcg
    S3601gN4BaOjcS8KtDaiYYJFGJX1PBaxc+NLFGNMQc2q57Y8FY8w09iYg5FL3nK9
    JIj4IUIHc7lY83kHgVbKEZQPAi5gPtn1kPmB0k1BGHngvDHGvrWoH9JZ8BO7fkZ9
    MPebcUs8SqW+XsaQPeiFUXfz72uXiA1PauLrUMehPl280cmdugYV7g6k36eyujP9
    ilvxoEO/PlWsTKG2XMfKkLjA346B2mokvMtmP6LEGWbGRJwQybGhpFVDX0QvQiVH
    GRuMT5BXZ7QzaVg+p0FwbEVGgul2dNCz2oymEDGH8DZEsuJlAoIBAQDRUnT/enFM
    yBBAKACePi6Px9n3zwzHP7seD/NgNcRv4n2lOgaD4F+QvdwqpnKGAEP9//FUx1si
    yg+2YcFmGTfG8DaSC2RU6vMl1ymLykFT47e+w/HK4C9kPro9bjSFSkKcdCdrFIRD
    WwA0CwM69RqhHknZCa+aOF51P2y6oNe9OFvjepYVd26ueySFSIPaygySvr6KUrvn
    8GeYpi0M2n7wBppNmSOoOC5FJnpO46U9kHXIj+n0++8+r7VVA3W5FJjNL7HYmu5O
    yDBQVbUM03uH1bmf0PnmOm6aMBOdKBy7ifS9ERjJpuRbwJBqexpZIyCxyNIDrlFD
    Zmese4nyAuQhAoIBACKPudke881p3GjeFShaYiWnAoDQx8jM9t1Ps8svEXEwZsZN
    ni46RIBA0iHIVFIzMi8sLvLjabrtP0hEDy9ud2YUjkTTiXe5NbODBEROklJjIsLS
    B5/OBixSnyGSwMYMviKwXYhFVFQFThWcsqOfT3w/KaGbPWy7Z0wbY+idQnSAkmBH
    ZGnGrVchpY2p1gvzW1SsU7kytD+KXjefZFCcWB58+NRVe5ZMzPQDcA+LQ8kmm5IU
    bKu1g7/BnC52apsIzILUUPcjSpS8HQrb6kKYapgV960g8OO/q9uA0tfKHEHknAwh
    WWaPxMtD9t/DL9cXAaHLw8QVEMqIa6HkezhVU/kCggEBAJM1lEafy9Kd2J/mAhlH
    zeMcP/SBTpFKBsRrn1OIPLAa7xYmKrLQNyVKAO6VxHDs+uRE/WoMEdHznP083pB5
    J7rm8Nng3RzDZ2CzYuqGwU7IFU856nAtHec4Hi5ZtOIQiawSHC64bRQZiZkQLaNn
    AOVSscjLgQ3KmtOGWWce+tp+KlFewvIx3ksjG1oI14IlGpaRQttwt+m0LocyRviF
    KUSQwC/WhTcm25OSLe4RNwKG9+6nF3hNPcIuPC6fkkkpbRTQeBjHTNVnAGNfA0cT
    7AppinQUucrqSSJysTiTHzHdIZtdzLr0fiDw2h+ol60cgT/G5bvk+g2WlU6+SxNC
    aUECggEAanYzKATW8X1fM98PFDsgI4GWvZzcNLgvT0jbbvqv1varjmWIMAdhJP7f
    0PmPO0mmNMwe9mRl00d0JSQwYYH1B7LwYfkfr85FsEqIo3rly6QmUC69kcFNi5/o
    bS0q6AHF4d19t7C5jHHErdVAwJfu3NLA8acmd7KFOxgRxY+KalQI7Qy7O6rmTH7W
    0dbNNnrMPrfem1mn9Jahe6G5yxOv9SxcMRsEl8F3y78U1auto7cYLf/RhwNrSmZV
    5d9WLPzebVSCyQ++9uKzqpiuYjJNpNdeigV4Wr1BZ2Xx8lhmeJ0c+GX1x6Fdz4RJ
    tVXpFMD0PnQubbePB7NCKqgchxFzUw==
    -----END PRIVATE KEY-----
    """

    /// The PEM of the fixed key of `bits` bits (2048 or 4096).
    public static func pem(bits: Int) -> String {
        switch bits {
        case 2048: return rsa2048PEM
        case 4096: return rsa4096PEM
        default: fatalError("no fixed benchmark key of \(bits) bits")
        }
    }
}
