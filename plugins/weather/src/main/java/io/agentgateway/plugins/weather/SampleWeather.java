package io.agentgateway.plugins.weather;

import java.util.List;
import java.util.Locale;

/** Stable sample conditions for a city: the same city always gives the same report. */
final class SampleWeather {

    private static final List<String> CONDITIONS = List.of("sunny", "partly cloudy", "overcast", "light rain",
            "windy", "clear");

    private SampleWeather() {
    }

    static String report(String city, boolean fahrenheit) {
        String name = city.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("city is empty");
        }
        int seed = Math.abs(name.toLowerCase(Locale.ROOT).hashCode());
        int celsius = seed % 35 - 5;
        String condition = CONDITIONS.get(seed % CONDITIONS.size());
        int humidity = 30 + seed % 60;
        String temperature = fahrenheit ? (celsius * 9 / 5 + 32) + " F" : celsius + " C";
        return "{\"city\":\"" + name.replace("\"", "'") + "\",\"temperature\":\"" + temperature
                + "\",\"conditions\":\"" + condition + "\",\"humidity_percent\":" + humidity
                + ",\"source\":\"sample data\"}";
    }
}
