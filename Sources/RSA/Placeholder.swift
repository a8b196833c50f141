import BigNum
