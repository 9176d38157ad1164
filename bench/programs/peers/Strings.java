import java.util.ArrayList;
import java.util.List;

public class Strings {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pieces.add("item" + i + ";");
        }
        String text = String.join("", pieces);
        long checksum = 0;
        for (int k = 0; k < text.length(); k = text.offsetByCodePoints(k, 1)) {
            checksum = (checksum * 31 + text.codePointAt(k)) % 1000000007;
        }
        System.out.println(checksum);
    }
}
