using System.Text;

namespace SmartEnv.Hj212.Tests;

public class CrcTests
{
    private static byte[] A(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void Appendix_A_example_gives_1C80()
    {
        // HJ 212-2017 Appendix A; also hutool CRC16Test ansiTest.
        var seg = A("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&");
        Assert.Equal(101, seg.Length);
        Assert.Equal(0x1C80, Hj212Crc.Compute(seg));
        Assert.Equal("1C80", Hj212Crc.Format(Hj212Crc.Compute(seg)));
        Assert.Equal(0x0759, Hj212Crc.ComputeModbus(seg)); // brief §4.1: the Modbus CRC differs
    }

    [Fact]
    public void Table_C25_noise_segment_gives_1E00_and_modbus_25FB()
    {
        var seg = A("QN=20160801085857223;ST=23;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857; LA-Rtd=50.1&&");
        Assert.Equal(0x1E00, Hj212Crc.Compute(seg));
        Assert.Equal(0x25FB, Hj212Crc.ComputeModbus(seg));
        Assert.Equal(0xFB25, Hj212Crc.ComputeModbusSwapped(seg));
    }

    [Fact]
    public void Table_lookup_equals_the_standard_bit_loop_for_every_single_byte_and_random_data()
    {
        // The Appendix A C listing, transcribed bit by bit.
        static ushort BitLoop(ReadOnlySpan<byte> data)
        {
            uint reg = 0xFFFF;
            foreach (var b in data)
            {
                reg = (reg >> 8) ^ b;
                for (int k = 0; k < 8; k++) { uint f = reg & 1; reg >>= 1; if (f != 0) reg ^= 0xA001; }
            }
            return (ushort)reg;
        }
        for (int b = 0; b < 256; b++) Assert.Equal(BitLoop([(byte)b]), Hj212Crc.Compute([(byte)b]));
        var rnd = new Random(212);
        for (int i = 0; i < 200; i++)
        {
            var d = new byte[rnd.Next(0, 1100)];
            rnd.NextBytes(d);
            Assert.Equal(BitLoop(d), Hj212Crc.Compute(d));
            Assert.Equal(BitLoop(d), Hj212Crc.Compute(Segments.Split(d, d.Length / 3, d.Length / 2)));
        }
    }

    [Theory]
    [InlineData("1C80", true, 0x1C80)]
    [InlineData("1c80", true, 0x1C80)]
    [InlineData("280", true, 0x0280)]
    [InlineData("0000", true, 0)]
    [InlineData("1G80", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("12345", false, 0)]
    public void Hex_is_parsed_case_insensitively(string hex, bool ok, int value)
    {
        Assert.Equal(ok, Hj212Crc.TryParseHex(A(hex), out var v));
        if (ok) Assert.Equal(value, v);
    }

    [Fact]
    public void Verify_tries_variants_only_when_allowed()
    {
        var seg = A("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&");
        Assert.Equal(Hj212CrcVariant.Standard, Hj212Crc.Verify(seg, 0x1C80, Hj212CrcVariant.None));
        Assert.Equal(Hj212CrcVariant.None, Hj212Crc.Verify(seg, 0x0759, Hj212CrcVariant.None));
        Assert.Equal(Hj212CrcVariant.Modbus, Hj212Crc.Verify(seg, 0x0759, Hj212CrcVariant.Modbus));
        Assert.Equal(Hj212CrcVariant.ModbusSwapped, Hj212Crc.Verify(seg, 0x5907, Hj212CrcVariant.ModbusSwapped));
        Assert.Equal(Hj212CrcVariant.None, Hj212Crc.Verify(seg, 0x5907, Hj212CrcVariant.Modbus));
    }
}
