package dev.cloudops.cloud.aliyun;

import java.util.Set;

/**
 * The Alibaba Cloud regions ACK runs in (the public cloud's mainland China and international regions, and the
 * finance clouds), and the public endpoint of each service the adapter calls. The list is the documented one;
 * docs/cloud-aliyun.md repeats it.
 */
final class AliyunRegions {

    static final Set<String> REGIONS = Set.of(
            "cn-hangzhou",
            "cn-shanghai",
            "cn-qingdao",
            "cn-beijing",
            "cn-zhangjiakou",
            "cn-huhehaote",
            "cn-wulanchabu",
            "cn-shenzhen",
            "cn-heyuan",
            "cn-guangzhou",
            "cn-chengdu",
            "cn-nanjing",
            "cn-fuzhou",
            "cn-wuhan-lr",
            "cn-hongkong",
            "cn-hangzhou-finance",
            "cn-shanghai-finance-1",
            "cn-shenzhen-finance-1",
            "cn-beijing-finance-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-southeast-1",
            "ap-southeast-3",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "us-east-1",
            "us-west-1",
            "eu-west-1",
            "eu-central-1",
            "me-east-1",
            "me-central-1");

    private AliyunRegions() {}

    /**
     * The public endpoint of {@code service} in {@code region}: ACK and CloudMonitor are regional, STS and RAM
     * answer for every region on their central endpoints.
     */
    static String endpoint(String service, String region) {
        return switch (service) {
            case "cs" -> "cs." + region + ".aliyuncs.com";
            case "cms" -> "metrics." + region + ".aliyuncs.com";
            case "sts" -> "sts.aliyuncs.com";
            case "ram" -> "ram.aliyuncs.com";
            default -> throw new IllegalArgumentException("no Alibaba Cloud service " + service);
        };
    }
}
