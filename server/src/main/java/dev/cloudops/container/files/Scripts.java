package dev.cloudops.container.files;

/**
 * The constant {@code sh} scripts of the file operations. Each takes its inputs as positional parameters, always
 * quoted, so nothing a caller sends is ever parsed by a shell; paths reach them absolute and normalised, so none
 * can pass for an option. They use only what POSIX sh, GNU coreutils and BusyBox all offer, and exit with the codes
 * below (kept clear of the tools' own 1, 2 and 126+) for the failures a caller should tell apart.
 */
final class Scripts {

    static final int NOT_FOUND = 90;
    static final int NOT_A_DIRECTORY = 91;
    static final int IS_A_DIRECTORY = 92;
    static final int EXISTS = 93;
    static final int PERMISSION = 94;
    static final int NOT_EMPTY = 95;
    static final int CHANGED = 96;
    static final int NOT_REGULAR = 97;
    static final int BAD_PATTERN = 98;

    /** Exits 90, or 94 when the parent directory is there but may not be searched. */
    private static final String MISSING = """
            missing() { q=${1%/*}; [ -n "$q" ] || q=/; if [ -d "$q" ] && ! [ -x "$q" ]; then exit 94; fi; exit 90; }
            """;

    /** $1 stat format, $2 directory: one stat record per entry (links followed by their target). */
    static final String LIST = MISSING + """
            f=$1; d=$2
            [ -e "$d" ] || [ -L "$d" ] || missing "$d"
            [ -d "$d" ] || exit 91
            [ -r "$d" ] && [ -x "$d" ] || exit 94
            exec find -H "$d" -mindepth 1 -maxdepth 1 \\( -type l -exec stat -c "$f" {} \\; -exec readlink {} \\; \\) \
             -o -exec stat -c "$f" {} +
            """;

    /** $1 stat format, $2 stat format of a link's target, $3 path. */
    static final String STAT = MISSING + """
            p=$3
            [ -e "$p" ] || [ -L "$p" ] || missing "$p"
            stat -c "$1" -- "$p" || exit 1
            if [ -L "$p" ]; then readlink -- "$p"; stat -L -c "$2" -- "$p" 2>/dev/null; fi
            exit 0
            """;

    /** $1 directory, then a command to run when it is one: for find. */
    static final String IN_DIRECTORY = MISSING + """
            d=$1; shift
            [ -e "$d" ] || [ -L "$d" ] || missing "$d"
            [ -d "$d" ] || exit 91
            [ -r "$d" ] && [ -x "$d" ] || exit 94
            exec "$@"
            """;

    /**
     * $1 stat format, $2 path, $3 bytes to read at most, $4 marker: the file's stat (following links), the marker,
     * then the file's first $3 bytes.
     */
    static final String READ = MISSING + """
            p=$2
            [ -e "$p" ] || [ -L "$p" ] || missing "$p"
            [ -d "$p" ] && exit 92
            [ -f "$p" ] || exit 97
            [ -r "$p" ] || exit 94
            stat -L -c "$1" -- "$p" || exit 1
            printf '%s' "$4"
            exec head -c "$3" "$p"
            """;

    /** $1 path, $2 bytes at most: a regular file's content for a download. */
    static final String CAT = MISSING + """
            p=$1
            [ -e "$p" ] || [ -L "$p" ] || missing "$p"
            [ -d "$p" ] && exit 92
            [ -f "$p" ] || exit 97
            [ -r "$p" ] || exit 94
            if [ "$2" -gt 0 ]; then exec head -c "$2" "$p"; fi
            exec cat "$p"
            """;

    /** $1 directory to archive from, then the names under it: a tar stream of them. */
    static final String TAR = """
            cd "$1" || exit 90
            shift
            for x; do [ -e "$x" ] || [ -L "$x" ] || { printf '%s' "$x" >&2; exit 90; }; done
            exec tar -c -f - "$@"
            """;

    /**
     * $1 path, $2 expected SHA-256 (empty: create, the file must not exist), $3 byte count, $4 stat format. Reads
     * exactly $3 bytes from standard input into a temporary file beside the target, compares the target's checksum
     * with $2 and only then moves the new content into place (mode and owner kept; written in place where the file
     * cannot be replaced, such as a bind mount). A symbolic link is followed: its target is edited.
     */
    static final String WRITE = MISSING + """
            p=$1; want=$2; n=$3
            t=$p
            if [ -L "$p" ]; then t=$(readlink -f -- "$p"; printf x); t=${t%?x}; [ -n "$t" ] || exit 1; fi
            d=${t%/*}; [ -n "$d" ] || d=/
            if [ -n "$want" ]; then
              [ -e "$t" ] || missing "$t"
              [ -d "$t" ] && exit 92
              [ -f "$t" ] || exit 97
            else
              { [ -e "$t" ] || [ -L "$t" ]; } && exit 93
              [ -d "$d" ] || missing "$d"
            fi
            u=$(umask); umask 077
            tmp="$d/.cloudops-edit.$$"
            if ( : > "$tmp" ) 2>/dev/null; then
              how=replace
            elif [ -n "$want" ] && [ -w "$t" ]; then
              how=inplace; tmp=$(mktemp) || exit 94
            else
              exit 94
            fi
            head -c "$n" > "$tmp" || { rm -f "$tmp"; exit 1; }
            if [ -n "$want" ]; then
              have=$(sha256sum < "$t") || { rm -f "$tmp"; exit 94; }
              [ "${have%% *}" = "$want" ] || { rm -f "$tmp"; exit 96; }
            fi
            if [ "$how" = replace ]; then
              if [ -e "$t" ]; then
                chmod "$(stat -L -c %a -- "$t")" "$tmp"
                chown "$(stat -L -c %u:%g -- "$t")" "$tmp" 2>/dev/null
              else
                chmod "$(printf '%o' $((0666 & ~0$u)))" "$tmp"
              fi
              if ! mv -f "$tmp" "$t" 2>/dev/null; then
                cat "$tmp" > "$t" || { rm -f "$tmp"; exit 94; }
                rm -f "$tmp"
              fi
            else
              cat "$tmp" > "$t" || { rm -f "$tmp"; exit 94; }
              rm -f "$tmp"
            fi
            stat -c "$4" -- "$t"
            """;

    /** $1 path, $2 1 to create missing parents, $3 stat format. */
    static final String MKDIR = MISSING + """
            p=$1
            if [ "$2" = 1 ]; then
              if [ -e "$p" ] && ! [ -d "$p" ]; then exit 93; fi
              mkdir -p -- "$p" || exit 94
            else
              { [ -e "$p" ] || [ -L "$p" ]; } && exit 93
              q=${p%/*}; [ -n "$q" ] || q=/
              [ -d "$q" ] || missing "$q"
              [ -w "$q" ] || exit 94
              mkdir -- "$p" || exit 1
            fi
            stat -c "$3" -- "$p"
            """;

    /** $1 source, $2 destination, $3 1 to replace an existing file, $4 stat format. */
    static final String RENAME = MISSING + """
            s=$1; t=$2
            [ -e "$s" ] || [ -L "$s" ] || missing "$s"
            if [ -e "$t" ] || [ -L "$t" ]; then
              [ "$3" = 1 ] || exit 93
              [ -d "$t" ] && ! [ -L "$t" ] && exit 92
            fi
            q=${t%/*}; [ -n "$q" ] || q=/
            [ -d "$q" ] || exit 91
            mv -f -- "$s" "$t" || exit 1
            stat -c "$4" -- "$t"
            """;

    /**
     * $1 1 to delete directories with their content, then paths: prints one line per path, in order: 0 deleted, 90
     * not found, 94 not permitted, 95 a directory that is not empty, 1 failed otherwise.
     */
    static final String DELETE = """
            r=$1; shift
            for p; do
              if ! [ -e "$p" ] && ! [ -L "$p" ]; then echo 90; continue; fi
              q=${p%/*}; [ -n "$q" ] || q=/
              if ! [ -w "$q" ]; then echo 94; continue; fi
              if [ -d "$p" ] && ! [ -L "$p" ]; then
                if [ "$r" = 1 ]; then
                  if rm -rf -- "$p"; then echo 0; else echo 1; fi
                elif rmdir -- "$p" 2>/dev/null; then
                  echo 0
                elif [ -n "$(find "$p" -mindepth 1 -maxdepth 1 -print -quit 2>/dev/null)" ]; then
                  echo 95
                else
                  echo 1
                fi
              elif rm -f -- "$p"; then echo 0; else echo 1; fi
            done
            """;

    /** $1 mode, $2 1 for recursive, $3 path, $4 stat format. */
    static final String CHMOD = MISSING + """
            p=$3
            [ -e "$p" ] || [ -L "$p" ] || missing "$p"
            if [ "$2" = 1 ]; then chmod -R "$1" -- "$p" || exit 1; else chmod "$1" -- "$p" || exit 1; fi
            stat -c "$4" -- "$p"
            """;

    /** $1 owner (user, user:group or :group), $2 1 for recursive, $3 path, $4 stat format. */
    static final String CHOWN = MISSING + """
            p=$3; o=$1
            [ -e "$p" ] || [ -L "$p" ] || missing "$p"
            case $o in
              :*) c=chgrp; o=${o#:} ;;
              *) c=chown ;;
            esac
            if [ "$2" = 1 ]; then $c -R "$o" -- "$p" || exit 1; else $c "$o" -- "$p" || exit 1; fi
            stat -c "$4" -- "$p"
            """;

    /**
     * $1 file or directory, $2 marker, $3 matches per file at most, $4 pattern, $5 grep options (a constant: -F, -E,
     * -iF, -iE). Exits 98 when grep refuses the pattern. With GNU grep prints {@code G\n} then {@code
     * path\0line:text\n} per match; otherwise {@code B\n} then, per file with matches, {@code <marker>path<marker>\n}
     * and its {@code line:text\n} lines.
     */
    static final String GREP = MISSING + """
            d=$1; m=$2; n=$3; p=$4; o=$5
            [ -e "$d" ] || [ -L "$d" ] || missing "$d"
            printf 'x\\n' | grep $o -e "$p" >/dev/null 2>&1
            [ $? -eq 2 ] && exit 98
            if printf 'x\\n' | grep -qZ x 2>/dev/null; then
              echo G
              exec grep -r -n -H -Z -I -s -m "$n" $o -e "$p" -- "$d"
            fi
            echo B
            exec find -H "$d" -type f -exec sh -c 'm=$1; n=$2; p=$3; o=$4; shift 4
            for f; do r=$(grep -n -s -m "$n" $o -e "$p" -- "$f") || continue; printf "%s%s%s\\n%s\\n" "$m" "$f" "$m" "$r"; done
            ' sh "$m" "$n" "$p" "$o" {} +
            """;

    /**
     * $1 target directory, $2 staging directory to create in it, $3 1 to replace existing entries, $4 a token
     * chosen for this upload (no uploaded byte can pass for the verdict without it). Prints READY,
     * extracts the framed tar stream on standard input ({@code <length>\n<bytes>} chunks, {@code 0\n} at the end, a
     * non-number to abort; each chunk read by dd, which, unlike BusyBox head, never reads past it, and acknowledged
     * with an {@code A} line) into the staging directory, prints {@code EXTRACTED <tar's exit code>}, then reads a
     * verdict line: {@code commit <token>} moves every extracted entry into place (directories are merged, files replaced
     * only with $3=1) and prints DONE; anything else, or the end of the input, removes the staging directory.
     */
    static final String UPLOAD = MISSING + """
            d=$1; s=$2; o=$3
            [ -e "$d" ] || [ -L "$d" ] || missing "$d"
            [ -d "$d" ] || exit 91
            [ -w "$d" ] && [ -x "$d" ] || exit 94
            mkdir -- "$s" || exit 94
            exec 3>&1
            echo READY
            while IFS= read -r n && [ "$n" != 0 ]; do
              case $n in ''|*[!0-9]*) exit 0 ;; esac
              dd bs="$n" count=1 iflag=fullblock 2>/dev/null || exit 1
              echo A >&3
            done | tar -x -o -f - -C "$s"
            echo "EXTRACTED $?"
            v=
            IFS= read -r v
            if [ "$v" != "commit $4" ]; then rm -rf -- "$s"; exit 0; fi
            for f in "$s"/* "$s"/.[!.]* "$s"/..?*; do
              { [ -e "$f" ] || [ -L "$f" ]; } || continue
              b=${f##*/}
              if [ "$o" != 1 ] && { [ -e "$d/$b" ] || [ -L "$d/$b" ]; }; then
                rm -rf -- "$s"; printf 'EXISTS %s' "$b"; exit 93
              fi
            done
            for f in "$s"/* "$s"/.[!.]* "$s"/..?*; do
              { [ -e "$f" ] || [ -L "$f" ]; } || continue
              b=${f##*/}; t="$d/$b"
              if [ -d "$f" ] && ! [ -L "$f" ] && [ -d "$t" ] && ! [ -L "$t" ]; then
                cp -a -- "$f/." "$t/" || { rm -rf -- "$s"; exit 1; }
              else
                if [ -e "$t" ] || [ -L "$t" ]; then rm -rf -- "$t" || { rm -rf -- "$s"; exit 94; }; fi
                mv -- "$f" "$t" || { rm -rf -- "$s"; exit 1; }
              fi
            done
            rm -rf -- "$s"
            echo DONE
            """;

    /** $1 staging directory: removes what an interrupted upload left. */
    static final String CLEANUP = """
            rm -rf -- "$1"
            """;

    private Scripts() {}
}
