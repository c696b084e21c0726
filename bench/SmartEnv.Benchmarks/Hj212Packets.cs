using System.Text;
using SmartEnv.Hj212;
using SmartEnv.Simulation;

namespace SmartEnv.Benchmarks;

/// <summary>The packets the HJ 212 benchmarks use (built once, with correct length and CRC).</summary>
public static class Hj212Packets
{
    /// <summary>The simulator's air packet (issue 15 goal 4's "301-byte air packet"): what every simulated logger sends,
    /// built by the simulator's own code path (<see cref="Hj212Simulator.AirPacket"/>) for station 1 with its default
    /// seed (212 + 1), MN <c>SIM000000000000000000001</c>, PW <c>123456</c>: ST=22 CN=2011 Flag=5, DataTime and the six
    /// AQI pollutants, each <c>-Rtd</c> and <c>-Flag=N</c> (13 CP entries). The builder makes 290–294 bytes depending
    /// on the values' digits (278 fixed bytes + the value text); this one is 291 bytes. The 301 bytes cannot
    /// come out of today's builder (its longest packet is 294 bytes); the packet shape is the same.</summary>
    public static byte[] AirSim { get; } = Check(Hj212Simulator.AirPacket(new SimulatorOptions().Mn(1), "20260115103000001", "123456",
        "20260115103000", new Random(new SimulatorOptions().Seed + 1)));

    /// <summary>The packet bytes for a benchmark parameter value (<c>air-sim</c>, <c>air-2011</c>, <c>flue-gas-2051</c>).</summary>
    /// <param name="name">The parameter value.</param>
    public static byte[] ByName(string name) => name switch
    {
        "air-sim" => AirSim,
        "air-2011" => Air2011,
        "flue-gas-2051" => FlueGas2051,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown benchmark packet"),
    };

    /// <summary>A typical ambient-air station real-time upload (ST=22, CN=2011): the six AQI pollutants plus
    /// temperature, humidity, pressure, wind speed and direction, each <c>-Rtd</c> and <c>-Flag</c>.</summary>
    public static byte[] Air2011 { get; } = Build("22", "2011",
        "DataTime=20260115103000;a34004-Rtd=35,a34004-Flag=N;a34002-Rtd=61,a34002-Flag=N;a21026-Rtd=8,a21026-Flag=N;"
        + "a21004-Rtd=42,a21004-Flag=N;a21005-Rtd=0.812,a21005-Flag=N;a05024-Rtd=57,a05024-Flag=N;a01001-Rtd=8.4,a01001-Flag=N;"
        + "a01002-Rtd=71,a01002-Flag=N;a01006-Rtd=98.91,a01006-Flag=N;a01007-Rtd=1.6,a01007-Flag=N;a01008-Rtd=135,a01008-Flag=N");

    /// <summary>A flue-gas CEMS minute upload (ST=31, CN=2051): SO2, NOx, particulates with Min/Avg/Max/Cou and
    /// converted Zs values, O2, flow, velocity, temperature, pressure, humidity.</summary>
    public static byte[] FlueGas2051 { get; } = Build("31", "2051",
        "DataTime=20260115102900;a21026-Min=12.1,a21026-Avg=14.3,a21026-Max=16.0,a21026-Cou=0.052,a21026-ZsAvg=19.8,a21026-Flag=N;"
        + "a21002-Min=31.5,a21002-Avg=35.2,a21002-Max=39.9,a21002-Cou=0.128,a21002-ZsAvg=48.7,a21002-Flag=N;"
        + "a34013-Min=2.1,a34013-Avg=2.6,a34013-Max=3.0,a34013-Cou=0.009,a34013-ZsAvg=3.6,a34013-Flag=N;"
        + "a19001-Min=10.2,a19001-Avg=10.6,a19001-Max=11.0,a19001-Flag=N;a00000-Min=58.1,a00000-Avg=60.7,a00000-Max=63.0,a00000-Cou=3642.0,a00000-Flag=N;"
        + "a01011-Avg=11.4,a01011-Flag=N;a01012-Avg=52.3,a01012-Flag=N;a01013-Avg=-0.21,a01013-Flag=N;a01014-Avg=8.9,a01014-Flag=N");

    private static byte[] Build(string st, string cn, string cp)
    {
        var entries = cp.Split([';', ',']).Select(kv => kv.Split('=', 2)).Select(kv => new Hj212CpEntry(kv[0], kv[1])).ToArray();
        var packet = new Hj212Packet
        {
            Qn = "20260115103000123", St = st, Cn = cn, Pw = "123456", Mn = "500105A0000000000000A001", Flag = 5, Cp = entries,
        };
        return Check(Hj212Serializer.ToBytes(packet));
    }

    private static byte[] Check(byte[] bytes)
    {
        var check = Hj212Parser.Parse(bytes, Hj212ParsePolicy.Strict);
        if (!check.IsAccepted || check.Warnings.Count != 0)
            throw new InvalidOperationException("benchmark packet does not parse strictly: " + Encoding.UTF8.GetString(bytes));
        return bytes;
    }
}
