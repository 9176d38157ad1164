import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Maps {
    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        List<String> syllables = List.of("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa");
        List<String> words = new ArrayList<>();
        for (int k = 0; k < 997; k++) {
            words.add(syllables.get(k % 10) + syllables.get(k / 10 % 10) + syllables.get(k / 100));
        }
        Map<String, Long> counts = new HashMap<>();
        for (long i = 0; i < n; i++) {
            String w = words.get((int) (i * i % 997));
            counts.merge(w, 1L, Long::sum);
        }
        long checksum = counts.size();
        for (long count : new TreeMap<>(counts).values()) {
            checksum = (checksum * 31 + count) % 1_000_000_007;
        }
        System.out.println(checksum);
    }
}
